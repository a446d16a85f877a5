using System.Globalization;
using System.Text.RegularExpressions;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// A field a form shows: its name (the API's, as in <c>actions[0].due</c>), its label in a sentence, the words asking
/// for it, and its id on the page when that differs from the name (<c>actions-2-due</c>).
/// </summary>
public sealed record FormField(string Name, string Label, string WhenEmpty, bool IsDate = false, string? Id = null);

/// <summary>
/// An API's validation errors in a form's words, one message per field, in the form's order: a field left empty gets
/// the form's own "Enter…" sentence, a date typed that is no real date says so, and anything else is the API's
/// sentence with the field's label for its JSON name, dates the UK way and no full stop (GOV.UK error messages have
/// none). Errors only on fields the form does not show (an id it carries) mean the form was changed, so they land on
/// the first field with a sentence saying to start again. The errors are keyed by the fields' ids on the page.
/// </summary>
public static partial class FormErrors
{
    public static Dictionary<string, string> From(Dictionary<string, string[]> api, IReadOnlyDictionary<string, string> sent, IReadOnlyList<FormField> fields, string startAgainFrom)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!api.TryGetValue(field.Name, out var messages))
            {
                continue;
            }

            var value = sent.GetValueOrDefault(field.Name);
            errors[field.Id ?? field.Name] = string.IsNullOrWhiteSpace(value) ? field.WhenEmpty
                : field.IsDate && Date(value) is null ? $"{field.Label} must be a real date, like 31 3 2027"
                : Words(field, messages[0]);
        }

        if (errors.Count == 0 && api.Count > 0 && fields.Count > 0)
        {
            errors[fields[0].Id ?? fields[0].Name] = $"The form was changed: start again from {startAgainFrom}";
        }

        return errors;
    }

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Words(FormField field, string apiMessage)
    {
        var said = apiMessage.Replace($"The {field.Name}", field.Label, StringComparison.Ordinal).Replace("The date", field.Label, StringComparison.Ordinal);
        return IsoDate().Replace(said, m => UkFormat.Date(DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture))).TrimEnd('.');
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
