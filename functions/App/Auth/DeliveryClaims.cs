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

    /// <summary>The caller's email address: Entra's optional <c>email</c> claim, else their sign-in name (UPN), which is an address.</summary>
    public static string? EmailAddress(this ClaimsPrincipal user) =>
        new[] { Email, ClaimTypes.Email, "preferred_username", "upn", ClaimTypes.Upn }
            .Select(user.FindFirstValue)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The caller's display name, when their sign-in gives one.</summary>
    public static string? DisplayName(this ClaimsPrincipal user) =>
        new[] { ClaimTypes.Name, "name" }.Select(user.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>A stable id for the caller: Entra's object id, else the name identifier.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ObjectId)
        ?? user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The signed-in user has no id claim.");
}
