using System.Globalization;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>
/// Money and dates as GOV.UK style writes them (£12,500; 24 November 2026). Built on the invariant culture, so it
/// reads the same wherever the app runs, with or without ICU.
/// </summary>
public static class UkFormat
{
    public static string Money(decimal amount) =>
        "£" + amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset moment) => Date(DateOnly.FromDateTime(moment.UtcDateTime));
}
