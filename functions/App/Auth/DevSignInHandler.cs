using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Auth;

/// <summary>
/// Development-only sign-in as a seeded person, by the <c>X-Dev-User</c> header (API calls, curl) or the
/// <c>delivery-dev-user</c> cookie (pages). Start-up refuses to enable it outside Development.
/// </summary>
public sealed class DevSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "DevSignIn";
    public const string Header = "X-Dev-User";
    public const string Cookie = "delivery-dev-user";

    /// <summary>The sign-in cookie: never readable by script, never sent cross-site, Secure whenever the request is.</summary>
    public static CookieOptions CookieOptions(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = request.IsHttps, Path = "/" };
    }

    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey(Header) || request.Cookies.ContainsKey(Cookie);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var id = Request.Headers[Header].FirstOrDefault() ?? Request.Cookies[Cookie];
        if (id is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var person = DevPeople.Find(id);
        if (person is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("No seeded person has that id."));
        }

        var principal = DeliveryClaims.Principal(Scheme, person.Id, person.Name, person.Email, person.Roles);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme)));
    }
}
