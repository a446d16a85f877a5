namespace Delivery.Functions.App.Http;

/// <summary>
/// The browser protections every answer carries, pages and API alike: a content security policy that allows no
/// script at all (the pages need none) and no framing, no MIME sniffing, and no referrer leaving the service (a
/// decision link's token must not reach another site in a Referer header). Not <c>no-referrer</c>: with it browsers
/// send <c>Origin: null</c> on the app's own form posts, and the cross-site check could no longer verify them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only the app's own stylesheet, fonts and images; forms post only back to the app; no framing
    /// (clickjacking); no base-URI or plugin tricks.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    public const string ReferrerPolicy = "same-origin";

    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
    }
}
