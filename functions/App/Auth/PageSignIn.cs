using Delivery.Functions.App.Settings;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Auth;

/// <summary>
/// Where a person who is not signed in goes from a page: the dev sign-in page in Development; Entra ID through App
/// Service Authentication's login endpoint in Azure. With neither (an API-only deployment signed in by bearer
/// tokens) there is nothing to send them to, so they get the API's 401.
/// </summary>
public static class PageSignIn
{
    public const string AppServiceLogin = "/.auth/login/aad";
    public const string AppServiceLogout = "/.auth/logout";

    public static IResult Redirect(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var here = Uri.EscapeDataString(http.Request.Path + http.Request.QueryString);
        var auth = http.RequestServices.GetRequiredService<IOptions<AuthSettings>>().Value;
        if (auth.DevSignIn)
        {
            return Results.Redirect("/api/dev/sign-in?returnUrl=" + here);
        }

        return auth.TrustAppServiceAuthentication
            ? Results.Redirect(AppServiceLogin + "?post_login_redirect_uri=" + here)
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in", detail: "Sign in to use this page.");
    }
}
