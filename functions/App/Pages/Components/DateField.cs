namespace Delivery.Functions.App.Pages.Components;

/// <summary>
/// A GOV.UK date input's three boxes and the API's one <c>yyyy-MM-dd</c> field: what was typed is kept as it was, so
/// a date the intake refuses ("31 February") comes back in the boxes to be corrected.
/// </summary>
public static class DateField
{
    /// <summary>The three boxes as one value; empty when all are empty, so an unanswered date stays unanswered.</summary>
    public static string Compose(string? day, string? month, string? year)
    {
        var (d, m, y) = (day?.Trim() ?? string.Empty, month?.Trim() ?? string.Empty, year?.Trim() ?? string.Empty);
        return d.Length + m.Length + y.Length == 0 ? string.Empty : $"{y}-{m.PadLeft(2, '0')}-{d.PadLeft(2, '0')}";
    }

    /// <summary>The value split back into day, month and year for the boxes.</summary>
    public static (string Day, string Month, string Year) Split(string? value)
    {
        var parts = (value ?? string.Empty).Split('-');
        return parts.Length == 3 ? (parts[2].TrimStart('0'), parts[1].TrimStart('0'), parts[0]) : (string.Empty, string.Empty, string.Empty);
    }
}
