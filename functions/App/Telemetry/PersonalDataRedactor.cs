using System.Text.RegularExpressions;

namespace Delivery.Functions.App.Telemetry;

/// <summary>
/// The rules that keep personal data and secrets out of telemetry: which attributes are dropped whole, and how
/// string values are cleaned (email addresses and secret query values replaced, query strings removed from URLs).
/// </summary>
public static partial class PersonalDataRedactor
{
    /// <summary>Replaces each email address found in a value.</summary>
    public const string EmailPlaceholder = "[email]";

    /// <summary>Replaces the value of each secret-bearing query parameter found in a value.</summary>
    public const string SecretPlaceholder = "[redacted]";

    private static readonly string[] _droppedPrefixes = ["enduser.", "user.", "session."];

    // Client addresses identify people (UK GDPR treats IP addresses as personal data); query strings carry search
    // terms, tokens and emails.
    private static readonly HashSet<string> _droppedKeys = new(StringComparer.Ordinal)
    {
        "client.address",
        "http.client_ip",
        "url.query",

        // ASP.NET Core's request log lines carry the raw query string under this name.
        "QueryString",
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

    /// <summary>The value cleaned for export: URLs lose their query string, emails and secrets are replaced.</summary>
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

        return Scrub(text);
    }

    /// <summary>Free text cleaned for export: secrets (<see cref="RedactSecrets"/>) and email addresses replaced.</summary>
    public static string Scrub(string text) => RedactEmails(RedactSecrets(text));

    /// <summary>
    /// Replaces the values of query parameters that carry credentials (a decision link's <c>token</c>, OAuth
    /// <c>code</c> and <c>access_token</c>, SAS <c>sig</c>, API keys) and bearer tokens, wherever they appear in
    /// <paramref name="text"/>: a URL, a log message, an exception message.
    /// </summary>
    public static string RedactSecrets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('=', StringComparison.Ordinal) && !text.Contains("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        try
        {
            return BearerPattern().Replace(SecretParameterPattern().Replace(text, "$1" + SecretPlaceholder), "$1" + SecretPlaceholder);
        }
        catch (RegexMatchTimeoutException)
        {
            return SecretPlaceholder;
        }
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

    [GeneratedRegex(@"((?:^|[?&;\s""'])(?:token|access_token|id_token|refresh_token|code|sig|signature|key|api_key|apikey|secret|password|code_verifier)=)[^&#\s""'<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex SecretParameterPattern();

    [GeneratedRegex(@"(Bearer\s+)[A-Za-z0-9\-._~+/]+=*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex BearerPattern();

    // Also catches percent-encoded '@' (%40), as found in URLs and form posts.
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(@|%40)[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();
}
