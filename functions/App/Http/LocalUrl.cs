namespace Delivery.Functions.App.Http;

/// <summary>Return URLs may only lead back into this service: never an open redirect to another site.</summary>
public static class LocalUrl
{
    /// <summary>
    /// True for a path on this host: starts with one <c>/</c>, and not <c>//</c> or <c>/\</c> (browsers read both
    /// as another host), with no control characters (a tab or newline inside <c>/\t/</c> is dropped by browsers).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
