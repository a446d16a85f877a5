using System.Globalization;
using System.Text.RegularExpressions;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// Dates on the delivery record forms: the GOV.UK day, month and year boxes read into the API's <see cref="DateOnly"/>,
/// and the API's date messages (written for JSON callers, "like 2027-01-31") said in the page's plain words.
/// </summary>
public static partial class FormDates
{
    /// <summary>
    /// The date typed into <c>{field}-day</c>, <c>-month</c> and <c>-year</c>: as typed (to show again), the date
    /// (null when blank or not a real date) and whether it is unreadable (typed, but not a real date).
    /// </summary>
    public static (string Typed, DateOnly? Date, bool Unreadable) Read(IFormCollection form, string field)
    {
        ArgumentNullException.ThrowIfNull(form);
        var typed = DateField.Compose(form[field + "-day"], form[field + "-month"], form[field + "-year"]);
        if (typed.Length == 0)
        {
            return (typed, null, false);
        }

        return DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (typed, date, false)
            : (typed, null, true);
    }

    /// <summary>The message for a date that was typed but is not a real one.</summary>
    public static string NotARealDate(string label) => $"{label} must be a real date, like 31 1 2027.";

    /// <summary>
    /// An API date message in plain words for the field <paramref name="label"/> names ("The due date of action 1"):
    /// a missing date asks for it, and a date in the message is written the UK way.
    /// </summary>
    public static string Words(string label, string apiMessage)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(apiMessage);
        if (apiMessage.StartsWith("Enter the date", StringComparison.Ordinal))
        {
            return $"Enter {char.ToLowerInvariant(label[0])}{label[1..]}.";
        }

        var said = apiMessage.Replace("The date", label, StringComparison.Ordinal);
        return IsoDate().Replace(said, m => UkFormat.Date(DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    /// <summary>A stored date as the boxes show it.</summary>
    public static string Typed(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
