using System.Security.Claims;

namespace Delivery.Functions.App.Auth;

/// <summary>Builds and reads the claims every sign-in path produces, so the rest of the app sees one shape.</summary>
public static class DeliveryClaims
{
    public const string ObjectId = "oid";
    public const string Email = "email";

    public static ClaimsPrincipal Principal(string scheme, string id, string? name, string? email, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ObjectId, id), new(ClaimTypes.NameIdentifier, id) };
        if (!string.IsNullOrEmpty(name))
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }

        if (!string.IsNullOrEmpty(email))
        {
            claims.Add(new Claim(Email, email));
        }

        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>A stable id for the caller: Entra's object id, else the name identifier.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ObjectId)
        ?? user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The signed-in user has no id claim.");
}
