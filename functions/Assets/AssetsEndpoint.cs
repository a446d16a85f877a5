using System.Collections.Concurrent;
using Microsoft.AspNetCore.StaticFiles;

namespace Delivery.Functions.Assets;

/// <summary>
/// <c>GET /api/assets/{*path}</c>: GOV.UK Frontend's CSS, JavaScript, fonts and images, copied from npm into the
/// build output. Under <c>/api</c> because the Functions host forwards only its HTTP routes; the stylesheet's
/// <c>/assets/</c> font and image URLs are rewritten to match.
/// </summary>
public static class AssetsEndpoint
{
    public const string Prefix = "/api/assets/";

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "govuk");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly ConcurrentDictionary<string, string> RewrittenCss = new();

    public static IResult Handle(string? path, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var full = Path.GetFullPath(Path.Combine(Root, path ?? string.Empty));

        // Only files under the GOV.UK folder: "../" and absolute paths never leave it.
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not found", "There is no such asset.");
        }

        var contentType = ContentTypes.TryGetContentType(full, out var type) ? type : "application/octet-stream";
        response.Headers.CacheControl = "public, max-age=86400";
        if (full.EndsWith(".css", StringComparison.Ordinal))
        {
            var css = RewrittenCss.GetOrAdd(full, f => File.ReadAllText(f).Replace("url(/assets/", "url(" + Prefix, StringComparison.Ordinal));
            return Results.Text(css, "text/css; charset=utf-8");
        }

        return Results.File(full, contentType);
    }
}
