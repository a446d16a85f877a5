using Delivery.Functions.App.Http;

namespace Delivery.Functions.App.Standalone;

/// <summary>
/// Maps each HTTP function as an ASP.NET Core endpoint: host.json's route prefix, then the trigger attribute's route
/// template and methods, as the Functions host routes them. Each request goes through <see cref="HttpFunctionGate"/>
/// (headers, sign-in, cross-site check: the step the worker middleware runs) before the function is invoked.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, FunctionIndex index, HostJson host)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(host);
        foreach (var function in index.Http)
        {
            var trigger = function.Http!;
            var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
            endpoints.MapMethods(Pattern(host.RoutePrefix, trigger.Route ?? function.Name), methods, (Delegate)((HttpContext http) => InvokeAsync(function, http)))
                .WithName(function.Name)

                // Authorization is FunctionPrincipal's job, as under the Functions host, not the fallback policy's.
                .AllowAnonymous();
        }
    }

    public static string Pattern(string routePrefix, string route)
    {
        var prefix = (routePrefix ?? string.Empty).Trim('/');
        return "/" + (prefix.Length == 0 ? route.Trim('/') : $"{prefix}/{route.Trim('/')}");
    }

    private static async Task<IResult> InvokeAsync(StandaloneFunction function, HttpContext http)
    {
        if (await HttpFunctionGate.EnterAsync(http, function.Method) is { } refusal)
        {
            return refusal;
        }

        var routeValues = http.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
        var trigger = function.TriggerParameter.ParameterType == typeof(HttpContext) ? (object)http : http.Request;
        var result = await StandaloneInvoker.InvokeAsync(function, http.RequestServices, trigger, routeValues, http.RequestAborted);
        return result as IResult ?? (result is null ? Results.Empty : Results.Ok(result));
    }
}
