using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Delivery.Functions.App.Hosting;

/// <summary>Under the Functions host: <see cref="InvocationTelemetry"/> around every timer and queue invocation (HTTP has ASP.NET Core's).</summary>
public sealed class InvocationTelemetryMiddleware(ILogger<InvocationTelemetryMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var isHttp = context.FunctionDefinition.InputBindings.Values
            .Any(b => b.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase));
        return isHttp ? next(context) : InvocationTelemetry.RunAsync(context.FunctionDefinition.Name, logger, () => next(context));
    }
}
