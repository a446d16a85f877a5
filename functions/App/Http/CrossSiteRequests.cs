using Delivery.Functions.App.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace Delivery.Functions.App.Http;

/// <summary>
/// Refuses state-changing requests that another site could make a signed-in browser send (cross-site request
/// forgery). Only requests whose credentials a browser attaches by itself are at risk: a cookie (dev sign-in, App
/// Service Authentication's session, the anti-forgery cookie) with no header a page could not add without a CORS
/// preflight, which this app never grants. Such a request must come from this service's own origin, and unless it
/// is JSON (not a "simple" content type, so a cross-site page cannot send it at all) it must carry a valid
/// anti-forgery token from one of the app's forms.
/// </summary>
public static class CrossSiteRequests
{
    /// <summary>The answer to send instead of running the function, or null when the request may go on.</summary>
    public static async Task<IResult?> CheckAsync(HttpContext http, IReadOnlyCollection<string> trustedOrigins)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(trustedOrigins);
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !CarriesAmbientCredentials(request))
        {
            return null;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return Refused("This request was sent from another site.");
        }

        // Fetch metadata cannot be set by a page's script, so a browser's "same-origin" is proof enough; otherwise
        // the Origin header must name this service. Every current browser sends one of them with a POST.
        var origin = request.Headers.Origin.ToString();
        if (site != "same-origin" && !(origin.Length > 0 && IsOwnOrigin(origin, request, trustedOrigins)))
        {
            return Refused(origin.Length > 0 || site.Length > 0
                ? "This request was sent from another site."
                : "Send the request from the service's own pages, or sign in with a bearer token.");
        }

        if (IsJson(request.ContentType))
        {
            return null;
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        request.EnableBuffering();
        var valid = await IsValidAsync(antiforgery, http);
        request.Body.Position = 0;
        return valid ? null : Refused("The form has expired or was not sent from this service. Go back, refresh the page and try again.");
    }

    /// <summary>
    /// A cookie a browser would attach to a cross-site request, and no header that only a script granted CORS (or a
    /// non-browser client) could add.
    /// </summary>
    public static bool CarriesAmbientCredentials(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContainsKey(HeaderNames.Cookie)
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Headers.ContainsKey(DevSignInHandler.Header);
    }

    private static bool IsOwnOrigin(string origin, HttpRequest request, IReadOnlyCollection<string> trustedOrigins)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // Authority only: behind the Functions host or a proxy the scheme the app sees may differ from the browser's.
        return string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || trustedOrigins.Any(t => string.Equals(t.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static async Task<bool> IsValidAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A body the form reader cannot parse carries no valid token either.
            return false;
        }
    }

    private static IResult Refused(string detail) =>
        Problems.Status(StatusCodes.Status403Forbidden, "Cross-site request refused", detail);
}
