using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SignOut;

/// <summary>
/// The <c>SignOut</c> function: <c>GET /api/sign-out</c> asks to confirm, and its form's <c>POST</c> (with the
/// anti-forgery token, so another site cannot sign people out) ends the sign-in: the dev cookie in Development,
/// App Service Authentication's session in Azure (its logout endpoint, then back here).
/// </summary>
public sealed class SignOutFunction(PageRenderer pages, IOptions<AuthSettings> auth)
{
    public const string Name = nameof(SignOut);

    [Function(Name)]
    [AllowAnonymous]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "sign-out")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        if (HttpMethods.IsGet(req.Method))
        {
            return signedIn
                ? await pages.PageAsync<SignOutPage, SignOutModel>(http, new SignOutModel())
                : await pages.PageAsync<MessagePage, PageMessage>(http, SignedOut);
        }

        // The cross-site check has already refused a POST without this service's form token.
        req.HttpContext.Response.Cookies.Delete(DevSignInHandler.Cookie, DevSignInHandler.CookieOptions(req));
        if (auth.Value.TrustAppServiceAuthentication)
        {
            return Results.Redirect(PageSignIn.AppServiceLogout + "?post_logout_redirect_uri=" + Uri.EscapeDataString("/api/sign-out"));
        }

        http.User = new System.Security.Claims.ClaimsPrincipal();
        return await pages.PageAsync<MessagePage, PageMessage>(http, SignedOut);
    }

    private static readonly PageMessage SignedOut = new("You have signed out", "Close your browser if you are on a shared computer.");
}

/// <summary>The sign-out page has nothing to show but its button.</summary>
public sealed record SignOutModel;
