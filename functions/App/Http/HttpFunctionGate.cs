using System.Reflection;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Settings;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Http;

/// <summary>
/// What every HTTP function goes through first, in both modes (the worker middleware and the standalone endpoints
/// call this one step): the security headers, sign-in (<see cref="FunctionPrincipal"/>), then the cross-site check,
/// which needs the signed-in user because anti-forgery tokens are bound to them.
/// </summary>
public static class HttpFunctionGate
{
    /// <summary>The answer to send instead of running the function, or null to run it.</summary>
    public static async Task<IResult?> EnterAsync(HttpContext http, MethodInfo? function)
    {
        ArgumentNullException.ThrowIfNull(http);
        SecurityHeaders.Apply(http.Response);
        var trusted = http.RequestServices.GetRequiredService<IOptions<AuthSettings>>().Value.TrustedOriginList;
        return await FunctionPrincipal.SignInAsync(http, function) ?? await CrossSiteRequests.CheckAsync(http, trusted);
    }
}
