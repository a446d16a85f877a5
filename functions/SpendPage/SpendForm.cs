using System.Security.Cryptography;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;

namespace Delivery.Functions.SpendPage;

/// <summary>
/// The spend page's fields, named as the API's (<c>date</c>, <c>amount</c>, <c>kind</c>, <c>supplier</c>,
/// <c>description</c>, <c>reference</c>), and the API's body from them. The entry's id is made when the form is
/// opened and sent with it, so sending the same form twice records the spending once.
/// </summary>
public sealed class SpendForm
{
    private static readonly string[] Fields = ["entryId", "date", "amount", "kind", "supplier", "description", "reference"];
    private readonly Dictionary<string, string> _values;
    private readonly FormValues _read;

    private SpendForm(Dictionary<string, string> values)
    {
        _values = values;
        _read = new FormValues(values);
    }

    /// <summary>The values to show, by field (the date as <c>yyyy-MM-dd</c>, as typed).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>What could not be read at all (an amount that is not a number, a date that is not a date).</summary>
    public Dictionary<string, string> Errors => _read.Errors;

    /// <summary>A new, empty form with a fresh entry id (<c>sp-</c> and random letters, as the API's ids allow).</summary>
    public static SpendForm New() =>
        new(new Dictionary<string, string>(StringComparer.Ordinal) { ["entryId"] = "sp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)) });

    public static SpendForm FromPost(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = Fields.Where(f => f != "date").ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
        values["date"] = DateField.Compose(form["date-day"], form["date-month"], form["date-year"]);
        return new SpendForm(values);
    }

    public SpendBody ToBody() => new(Text("entryId"), Date("date"), Money("amount"), Text("kind"), Text("supplier"), Text("description"), Text("reference"));

    /// <summary>The API's errors after those the page could not read, in the order of the page, without full stops.</summary>
    public IReadOnlyDictionary<string, string> PageErrors(IReadOnlyDictionary<string, string[]> apiErrors)
    {
        ArgumentNullException.ThrowIfNull(apiErrors);
        var all = new Dictionary<string, string>(Errors, StringComparer.Ordinal);
        foreach (var (field, messages) in apiErrors)
        {
            all.TryAdd(field, field == "date" && Text("date") is null ? "Enter the date the money was spent" : messages[0].TrimEnd('.'));
        }

        return all.OrderBy(e => Array.IndexOf(Fields, e.Key) is var i and >= 0 ? i : int.MaxValue).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private string? Text(string field) => _read.Text(field);

    private decimal? Money(string field) => _read.Money(field, "Enter the amount in pounds, like 1500 or 1500.50", mayBeNegative: false);

    private DateOnly? Date(string field) => _read.Date(field, "Enter a real date, like 27 3 2027");
}
