using System.Globalization;
using System.Text.RegularExpressions;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.BusinessCase;

/// <summary>
/// Checks a business case; errors are keyed by the API's field paths (<c>financial.years[3].capital</c>).
/// <see cref="CheckBounds"/> runs on every save and again on submit, so a stored draft can always be read back and
/// totalled; <see cref="Validate"/> adds, on submit, that the case is complete.
/// </summary>
public static partial class BusinessCaseValidator
{
    /// <summary>Every figure, date, year, text and list within <paramref name="limits"/>; a partial draft passes.</summary>
    public static Dictionary<string, string[]> CheckBounds(BusinessCaseContent content, InputLimits limits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        var check = new Check(limits, today);
        check.Text("strategic.caseForChange", content.Strategic?.CaseForChange, limits.MaxTextLength);
        check.Text("strategic.strategicFit", content.Strategic?.StrategicFit, limits.MaxTextLength);
        check.Text("economic.preferredOption", content.Economic?.PreferredOption, limits.MaxNameLength);
        check.Items("economic.options", content.Economic?.Options, (p, o) =>
        {
            check.Text($"{p}.name", o.Name, limits.MaxNameLength);
            check.Text($"{p}.description", o.Description, limits.MaxTextLength);
            check.Money($"{p}.cost", o.Cost);
        });
        check.Text("commercial.procurementRoute", content.Commercial?.ProcurementRoute, limits.MaxTextLength);
        check.Text("commercial.suppliers", content.Commercial?.Suppliers, limits.MaxTextLength);
        var seenYears = new HashSet<string>(StringComparer.Ordinal);
        check.Items("financial.years", content.Financial?.Years, (p, y) =>
        {
            check.FinancialYear($"{p}.year", y.Year, seenYears);
            check.Money($"{p}.capital", y.Capital);
            check.Money($"{p}.revenue", y.Revenue);
        });
        if (check.IsClean("financial.years") && content.TotalCost > limits.MaxAmount)
        {
            check.Add("financial.years", $"The total cost must be {Pounds(limits.MaxAmount)} or less.");
        }

        check.Text("management.plan", content.Management?.Plan, limits.MaxTextLength);
        check.Items("management.milestones", content.Management?.Milestones, (p, m) =>
        {
            check.Text($"{p}.name", m.Name, limits.MaxNameLength);
            check.Date($"{p}.date", m.Date);
        });
        check.Items("management.risks", content.Management?.Risks, (p, r) =>
        {
            check.Text($"{p}.description", r.Description, limits.MaxTextLength);
            check.Score($"{p}.probability", r.Probability, allowUnset: true);
            check.Score($"{p}.impact", r.Impact, allowUnset: true);
        });
        check.Items("management.benefits", content.Management?.Benefits, (p, b) =>
        {
            check.Text($"{p}.measure", b.Measure, limits.MaxNameLength);
            check.Text($"{p}.baseline", b.Baseline, limits.MaxNameLength);
            check.Text($"{p}.target", b.Target, limits.MaxNameLength);
            check.Text($"{p}.owner", b.Owner, limits.MaxNameLength);
            check.Date($"{p}.date", b.Date);
        });
        return check.Errors;
    }

    /// <summary>The bounds, and that all five cases are there: what a business case needs before it goes for approval.</summary>
    public static Dictionary<string, string[]> Validate(BusinessCaseContent content, InputLimits limits, DateOnly today)
    {
        var errors = CheckBounds(content, limits, today);
        void Need(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors.TryAdd(field, [message]);
            }
        }

        Need(!string.IsNullOrWhiteSpace(content.Strategic?.CaseForChange), "strategic.caseForChange", "Enter the case for change.");
        Need(!string.IsNullOrWhiteSpace(content.Strategic?.StrategicFit), "strategic.strategicFit", "Enter how the project fits the council's strategy.");
        var options = content.Economic?.Options ?? [];
        Need(options.Count > 0, "economic.options", "Enter at least one option, including doing nothing if that is an option.");
        Need(options.Any(o => o is not null && o.Name == content.Economic?.PreferredOption), "economic.preferredOption", "Choose the preferred option from the options.");
        Need(!string.IsNullOrWhiteSpace(content.Commercial?.ProcurementRoute), "commercial.procurementRoute", "Enter the procurement route.");
        Need((content.Financial?.Years?.Count ?? 0) > 0, "financial.years", "Enter the capital and revenue cost for each year.");
        Need(!string.IsNullOrWhiteSpace(content.Management?.Plan), "management.plan", "Enter the delivery plan.");
        Need((content.Management?.Milestones?.Count ?? 0) > 0, "management.milestones", "Enter at least one milestone.");
        Need((content.Management?.Benefits?.Count ?? 0) > 0, "management.benefits", "Enter at least one benefit.");
        foreach (var (m, i) in (content.Management?.Milestones ?? []).Select((m, i) => (m, i)).Where(x => x.m is not null))
        {
            Need(!string.IsNullOrWhiteSpace(m.Name), $"management.milestones[{i}].name", "Enter the milestone's name.");
            Need(m.Date != default, $"management.milestones[{i}].date", "Enter the milestone's date.");
        }

        foreach (var (r, i) in (content.Management?.Risks ?? []).Select((r, i) => (r, i)).Where(x => x.r is not null))
        {
            Need(!string.IsNullOrWhiteSpace(r.Description), $"management.risks[{i}].description", "Describe the risk.");
            Need(r.Probability is >= 1 and <= 5, $"management.risks[{i}].probability", "Risk probability must be from 1 to 5.");
            Need(r.Impact is >= 1 and <= 5, $"management.risks[{i}].impact", "Risk impact must be from 1 to 5.");
        }

        foreach (var (b, i) in (content.Management?.Benefits ?? []).Select((b, i) => (b, i)).Where(x => x.b is not null))
        {
            Need(!string.IsNullOrWhiteSpace(b.Measure), $"management.benefits[{i}].measure", "Enter how the benefit is measured.");
            Need(!string.IsNullOrWhiteSpace(b.Target), $"management.benefits[{i}].target", "Enter the benefit's target.");
            Need(b.Date != default, $"management.benefits[{i}].date", "Enter the date the benefit is expected by.");
        }

        return errors;
    }

    /// <summary>The app runs with invariant globalization, so pounds are formatted the one way the emails do.</summary>
    private static string Pounds(decimal amount) => UkFormat.Money(amount);

    [GeneratedRegex(@"^(\d{4})/(\d{2})$")]
    private static partial Regex YearPattern();

    /// <summary>Collects one message per field.</summary>
    private sealed class Check(InputLimits limits, DateOnly today)
    {
        public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

        public void Add(string field, string message) => Errors.TryAdd(field, [message]);

        public bool IsClean(string prefix) => !Errors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

        public void Text(string field, string? value, int max)
        {
            if (value is not null && value.Length > max)
            {
                Add(field, $"This must be {max} characters or fewer.");
            }
        }

        public void Items<T>(string field, IReadOnlyList<T>? items, Action<string, T> each)
            where T : class
        {
            if (items is null)
            {
                return;
            }

            if (items.Count > limits.MaxListItems)
            {
                Add(field, $"Enter no more than {limits.MaxListItems}.");
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is null)
                {
                    Add($"{field}[{i}]", "This entry is empty; fill it in or remove it.");
                }
                else
                {
                    each($"{field}[{i}]", items[i]);
                }
            }
        }

        public void Money(string field, decimal amount)
        {
            if (amount < 0 || amount > limits.MaxAmount)
            {
                Add(field, $"Enter an amount from £0 to {Pounds(limits.MaxAmount)}.");
            }
            else if (amount.Scale > 2 && amount != decimal.Round(amount, 2))
            {
                Add(field, "Enter an amount in pounds with no more than 2 decimal places.");
            }
        }

        /// <summary>A date not yet entered (the default) is left to <see cref="Validate"/>.</summary>
        public void Date(string field, DateOnly date)
        {
            if (date != default && (date < limits.EarliestDate(today) || date > limits.LatestDate(today)))
            {
                Add(field, $"Enter a date from {limits.EarliestDate(today):yyyy-MM-dd} to {limits.LatestDate(today):yyyy-MM-dd}.");
            }
        }

        public void Score(string field, int score, bool allowUnset)
        {
            if (!(score is >= 1 and <= 5 || (allowUnset && score == 0)))
            {
                Add(field, "Enter a whole number from 1 to 5.");
            }
        }

        public void FinancialYear(string field, string? year, HashSet<string> seen)
        {
            var match = YearPattern().Match(year ?? string.Empty);
            var first = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var earliest = limits.EarliestDate(today).Year;
            var latest = limits.LatestDate(today).Year;
            if (!match.Success || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != (first + 1) % 100)
            {
                Add(field, "Write the financial year like 2026/27.");
            }
            else if (first < earliest || first > latest)
            {
                Add(field, $"Enter a financial year from {earliest}/{(earliest + 1) % 100:00} to {latest}/{(latest + 1) % 100:00}.");
            }
            else if (!seen.Add(year!))
            {
                Add(field, "Each financial year can appear only once.");
            }
        }
    }
}
