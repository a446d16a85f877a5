namespace Delivery.Functions.App.Settings;

/// <summary>Who may call the API: Entra ID bearer tokens, App Service Authentication, or (Development only) dev sign-in.</summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    public Uri Instance { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Entra tenant id; bearer tokens are only accepted when this and <see cref="Audience"/> are set.</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's application id URI or client id that tokens must be issued for.</summary>
    public string? Audience { get; set; }

    /// <summary>True only when App Service Authentication sits in front of the app and strips forged headers.</summary>
    public bool TrustAppServiceAuthentication { get; set; }

    /// <summary>Local sign-in as a seeded person; start-up refuses it outside Development.</summary>
    public bool DevSignIn { get; set; }

    /// <summary>
    /// Comma-separated origins (e.g. <c>https://delivery.example.gov.uk</c>) whose pages may send cookie-signed-in
    /// requests besides the app's own host, for when a proxy in front gives the app another host name.
    /// </summary>
    public string TrustedOrigins { get; set; } = string.Empty;

    public IReadOnlyList<string> TrustedOriginList =>
        TrustedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool BearerConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(Audience);
}
