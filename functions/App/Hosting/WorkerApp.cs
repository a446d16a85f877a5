using Delivery.Functions.App.Http;
using Delivery.Functions.App.Workflows;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Delivery.Functions.App.Hosting;

/// <summary>The app as an Azure Functions isolated worker: the shared services, ASP.NET Core integration, the HTTP gate (headers, sign-in, cross-site check) and invocation telemetry.</summary>
public static class WorkerApp
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // After the ASP.NET Core integration's middleware, which attaches the HttpContext these read.
        builder.UseMiddleware<HttpFunctionGateMiddleware>();
        builder.UseMiddleware<InvocationTelemetryMiddleware>();
        builder.AddDeliveryServices();
        builder.AddDeliveryOrchestrations();
        return builder.Build();
    }
}
