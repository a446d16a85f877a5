using System.Globalization;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// Reading what was typed into a delivery record form into the API's values: text (blank is absent), money in pounds
/// ("£1,500.50") and a date composed from its day, month and year boxes. A value that was typed but cannot be read
/// gives its field's error, so the page says so beside the API's own errors.
/// </summary>
public sealed class FormValues(IReadOnlyDictionary<string, string> values)
{
    /// <summary>The fields typed but not readable, with the page's message for each.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Text(string field) => values.GetValueOrDefault(field)?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>Pounds, a sign allowed only when <paramref name="mayBeNegative"/> (a change may cost less).</summary>
    public decimal? Money(string field, string unreadable, bool mayBeNegative = false)
    {
        var raw = Text(field)?.Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
        if (raw is null)
        {
            return null;
        }

        var style = mayBeNegative ? NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign : NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(raw, style, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        Errors[field] = unreadable;
        return null;
    }

    /// <summary>A date as <c>yyyy-MM-dd</c> (the boxes composed by <see cref="Components.DateField.Compose"/>).</summary>
    public DateOnly? Date(string field, string unreadable)
    {
        var composed = Text(field);
        if (composed is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(composed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors[field] = unreadable;
        return null;
    }
}
