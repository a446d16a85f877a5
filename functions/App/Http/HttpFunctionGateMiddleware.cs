using Delivery.Functions.App.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Delivery.Functions.App.Http;

/// <summary>
/// Under the Functions host: runs <see cref="HttpFunctionGate"/> before every HTTP function. Registered after
/// <c>ConfigureFunctionsWebApplication</c>, so the HttpContext is already attached; a refusal becomes the
/// invocation result, which the ASP.NET Core integration then writes.
/// </summary>
public sealed class HttpFunctionGateMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var refusal = await HttpFunctionGate.EnterAsync(http, FunctionMethods.Find(context.FunctionDefinition.EntryPoint));
        if (refusal is not null)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }

        await next(context);
    }
}
