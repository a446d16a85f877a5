using System.Text.RegularExpressions;

namespace Delivery.Functions.App.Telemetry;

/// <summary>
/// The rules that keep personal data out of telemetry: which attributes are dropped whole, and how string values
/// are cleaned (email addresses replaced, query strings removed from URLs).
/// </summary>
public static partial class PersonalDataRedactor
{
    /// <summary>Replaces each email address found in a value.</summary>
    public const string EmailPlaceholder = "[email]";

    private static readonly string[] _droppedPrefixes = ["enduser.", "user.", "session."];

    // Client addresses identify people (UK GDPR treats IP addresses as personal data); query strings carry search
    // terms, tokens and emails.
    private static readonly HashSet<string> _droppedKeys = new(StringComparer.Ordinal)
    {
        "client.address",
        "http.client_ip",
        "url.query",
    };

    private static readonly HashSet<string> _urlKeys = new(StringComparer.Ordinal)
    {
        "url.full",
        "http.url",
        "http.target",
        "url.original",
    };

    /// <summary>True when an attribute must not be exported at all.</summary>
    public static bool IsDropped(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _droppedKeys.Contains(key) || _droppedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The value cleaned for export: URLs lose their query string, email addresses are replaced.</summary>
    public static object? Clean(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value is not string text)
        {
            return value;
        }

        if (_urlKeys.Contains(key))
        {
            text = StripQuery(text);
        }

        return RedactEmails(text);
    }

    /// <summary>Replaces every email address in <paramref name="text"/> with <see cref="EmailPlaceholder"/>.</summary>
    public static string RedactEmails(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('@', StringComparison.Ordinal) && !text.Contains("%40", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        try
        {
            return EmailPattern().Replace(text, EmailPlaceholder);
        }
        catch (RegexMatchTimeoutException)
        {
            // A value too odd to scan in time is not exported as it is.
            return EmailPlaceholder;
        }
    }

    /// <summary>Removes the query string and fragment from a URL or path.</summary>
    public static string StripQuery(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    // Also catches percent-encoded '@' (%40), as found in URLs and form posts.
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(@|%40)[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();
}
