using System.Globalization;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.BusinessCaseEditor;

/// <summary>
/// Reads one section's form into the business case, leaving the other sections as they were. What cannot be read
/// at all (a cost that is not a number, a date that is not a date) is an error named by the field's API path; the
/// bounds and rules are the API's, checked when the draft is saved.
/// </summary>
public sealed class CaseForm(IFormCollection form)
{
    private readonly List<(string Saved, string Page)> _rows = [];

    /// <summary>What could not be read, by the page's field names.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The page's field name for an API path of the saved list (whose blank rows are gone).</summary>
    public string ToPage(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        foreach (var (saved, page) in _rows)
        {
            if (field == saved || field.StartsWith(saved + ".", StringComparison.Ordinal))
            {
                return page + field[saved.Length..];
            }
        }

        return field;
    }

    /// <summary>The posted values, dates put together, to show the page again as it was sent.</summary>
    public Dictionary<string, string> Posted()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key.EndsWith("-day", StringComparison.Ordinal))
            {
                var date = key[..^4];
                values[date] = DateField.Compose(value, form[date + "-month"], form[date + "-year"]);
            }
            else if (!key.EndsWith("-month", StringComparison.Ordinal) && !key.EndsWith("-year", StringComparison.Ordinal))
            {
                values[key] = value.ToString();
            }
        }

        return values;
    }

    public BusinessCaseContent Read(string section, BusinessCaseContent current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return section switch
        {
            "strategic" => current with { Strategic = new StrategicCase(Text("strategic.caseForChange"), Text("strategic.strategicFit")) },
            "economic" => current with
            {
                Economic = new EconomicCase(
                    Rows(CaseSections.OptionRows, i => $"economic.options[{i}]", ["name", "description", "cost"], p => new CaseOption(Text(p + ".name") ?? string.Empty, Text(p + ".description") ?? string.Empty, Money(p + ".cost"))),
                    Text("economic.preferredOption")),
            },
            "commercial" => current with { Commercial = new CommercialCase(Text("commercial.procurementRoute"), Text("commercial.suppliers")) },
            "financial" => current with
            {
                Financial = new FinancialCase(Rows(CaseSections.YearRows, i => $"financial.years[{i}]", ["year", "capital", "revenue"], p => new YearCost(Text(p + ".year") ?? string.Empty, Money(p + ".capital"), Money(p + ".revenue")))),
            },
            _ => current with
            {
                Management = new ManagementCase(
                    Text("management.plan"),
                    Rows(CaseSections.MilestoneRows, i => $"management.milestones[{i}]", ["name", "date-day", "date-month", "date-year"], p => new Milestone(Text(p + ".name") ?? string.Empty, Date(p + ".date"))),
                    Rows(CaseSections.RiskRows, i => $"management.risks[{i}]", ["description", "probability", "impact"], p => new InitialRisk(Text(p + ".description") ?? string.Empty, Score(p + ".probability"), Score(p + ".impact"))),
                    Rows(CaseSections.BenefitRows, i => $"management.benefits[{i}]", ["measure", "baseline", "target", "owner", "date-day", "date-month", "date-year"], p => new ExpectedBenefit(Text(p + ".measure") ?? string.Empty, Text(p + ".baseline") ?? string.Empty, Text(p + ".target") ?? string.Empty, Date(p + ".date"), Text(p + ".owner") ?? string.Empty))),
            },
        };
    }

    /// <summary>
    /// The list's filled rows, renumbered from 0 as they are saved. A row left blank is not there; errors name a
    /// row by its place on the page, which is its place in the list once the blanks before it are gone.
    /// </summary>
    private List<T> Rows<T>(int count, Func<int, string> prefix, string[] parts, Func<string, T> read)
    {
        // Every row the page sent, however many it offered (it offers more when the draft has more).
        var list = prefix(0)[..prefix(0).LastIndexOf('[')];
        count = Math.Max(count, CaseSections.RowsFor(form.Keys.ToDictionary(k => k, _ => string.Empty, StringComparer.Ordinal), list, 0) - 1);
        var rows = new List<T>();
        for (var i = 0; i < count; i++)
        {
            var p = prefix(i);
            if (parts.All(part => string.IsNullOrWhiteSpace(form[$"{p}.{part}"])))
            {
                continue;
            }

            _rows.Add((prefix(rows.Count), p));
            rows.Add(read(p));
        }

        return rows;
    }

    private string? Text(string field) => form[field].ToString().Trim() is { Length: > 0 } value ? value : null;

    private decimal Money(string field)
    {
        var raw = Text(field)?.Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
        if (raw is null)
        {
            return 0m;
        }

        if (decimal.TryParse(raw, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        Errors[field] = "Enter an amount in pounds, like 1500 or 1500.50";
        return 0m;
    }

    private int Score(string field)
    {
        var raw = Text(field);
        return raw is null ? 0 : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var score) ? score : 0;
    }

    private DateOnly Date(string field)
    {
        var composed = DateField.Compose(form[field + "-day"], form[field + "-month"], form[field + "-year"]);
        if (composed.Length == 0)
        {
            return default;
        }

        if (DateOnly.TryParseExact(composed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors[field] = "Enter a real date, like 27 3 2027";
        return default;
    }
}
