using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Auth;

/// <summary>
/// Reads the caller App Service Authentication has already signed in, from <c>X-MS-CLIENT-PRINCIPAL</c>.
/// Registered only when <c>Auth__TrustAppServiceAuthentication</c> is true: without App Service Authentication in
/// front, anyone could forge the header.
/// </summary>
public sealed class AppServicePrincipalHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "AppService";
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(header));
            var principal = JsonSerializer.Deserialize<ClientPrincipal>(json) ?? throw new JsonException("empty principal");
            var claims = principal.Claims ?? [];
            string? Find(string type) => claims.FirstOrDefault(c => c.Typ == type)?.Val;
            var roleType = principal.RoleTyp ?? ClaimTypes.Role;
            var id = Find("http://schemas.microsoft.com/identity/claims/objectidentifier") ?? Find(DeliveryClaims.ObjectId)
                ?? throw new JsonException("no object id claim");
            var result = DeliveryClaims.Principal(
                Scheme,
                id,
                Find(principal.NameTyp ?? "name") ?? Find("name"),
                Find("preferred_username") ?? Find(ClaimTypes.Email),
                claims.Where(c => c.Typ == roleType || c.Typ == "roles").Select(c => c.Val));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(result, Scheme)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Task.FromResult(AuthenticateResult.Fail("X-MS-CLIENT-PRINCIPAL is malformed."));
        }
    }

    private sealed record ClientPrincipal(
        [property: System.Text.Json.Serialization.JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("name_typ")] string? NameTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("role_typ")] string? RoleTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("claims")] IReadOnlyList<ClientClaim>? Claims);

    private sealed record ClientClaim(
        [property: System.Text.Json.Serialization.JsonPropertyName("typ")] string Typ,
        [property: System.Text.Json.Serialization.JsonPropertyName("val")] string Val);
}
