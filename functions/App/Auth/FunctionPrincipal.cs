using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Delivery.Functions.App.Auth;

/// <summary>
/// The one sign-in step for HTTP functions in both modes. The isolated worker's ASP.NET Core pipeline is fixed (no
/// UseAuthentication or UseAuthorization) and leaves <see cref="HttpContext.User"/> empty, so this runs the app's
/// authentication (<see cref="AuthRegistration.SelectorScheme"/>), sets the user, and denies unless the function
/// method carries <see cref="AllowAnonymousAttribute"/>; a page (<see cref="SignInPageAttribute"/>) sends the
/// visitor to sign in instead.
/// </summary>
public static class FunctionPrincipal
{
    /// <summary>Signs the caller in; returns the answer to send instead of running the function, or null to run it.</summary>
    public static async Task<IResult?> SignInAsync(HttpContext http, MethodInfo? function)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await http.AuthenticateAsync(AuthRegistration.SelectorScheme);
        if (result.Succeeded)
        {
            http.User = result.Principal;
        }

        if (http.User.Identity?.IsAuthenticated == true || AllowsAnonymous(function))
        {
            return null;
        }

        return IsSignInPage(function) ? PageSignIn.Redirect(http) : new Unauthorized();
    }

    public static bool IsSignInPage(MethodInfo? function) =>
        function is not null && (function.IsDefined(typeof(SignInPageAttribute), inherit: true)
            || function.DeclaringType?.IsDefined(typeof(SignInPageAttribute), inherit: true) == true);

    public static bool AllowsAnonymous(MethodInfo? function) =>
        function is not null && (function.IsDefined(typeof(AllowAnonymousAttribute), inherit: true)
            || function.DeclaringType?.IsDefined(typeof(AllowAnonymousAttribute), inherit: true) == true);

    /// <summary>
    /// 401 as the authorization middleware gave it: the scheme's challenge (its <c>WWW-Authenticate</c> header) and an
    /// RFC 9457 problem body.
    /// </summary>
    private sealed class Unauthorized : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await httpContext.ChallengeAsync(AuthRegistration.SelectorScheme);
            await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(httpContext);
        }
    }
}
