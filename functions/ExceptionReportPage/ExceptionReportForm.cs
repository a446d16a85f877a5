using System.Globalization;
using System.Text.RegularExpressions;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;

namespace Delivery.Functions.ExceptionReportPage;

/// <summary>
/// The exception report page's fields and the API's body. The page names its fields by the API's paths
/// (<c>cause</c>, <c>options[0].title</c>, <c>plan.approvedBudget</c>) except the plan's milestones, which it offers
/// one date per milestone (<c>plan.milestones.m1</c>). Blank option rows and milestone dates are left out of the
/// body, so errors the API names by list position are mapped back to the row on the page.
/// </summary>
public sealed partial class ExceptionReportForm
{
    /// <summary>Option rows offered when nothing more was written before.</summary>
    public const int OptionRows = 3;

    private readonly Dictionary<string, string> _values;
    private readonly FormValues _read;
    private readonly IReadOnlyList<MilestoneRecord> _milestones;
    private readonly List<int> _optionRows = [];
    private readonly List<string> _planMilestones = [];

    private ExceptionReportForm(Dictionary<string, string> values, IReadOnlyList<MilestoneRecord> milestones)
    {
        _values = values;
        _read = new FormValues(values);
        _milestones = milestones;
    }

    /// <summary>The values to show, by the page's field names (dates as <c>yyyy-MM-dd</c>, as typed).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>What could not be read at all (an amount that is not a number, a date that is not a date), by page field.</summary>
    public Dictionary<string, string> Errors => _read.Errors;

    /// <summary>The page field of a milestone's new baseline.</summary>
    public static string MilestoneField(string milestoneId) => "plan.milestones." + milestoneId;

    /// <summary>How many option rows the page shows: enough for what was written, and never fewer than <see cref="OptionRows"/>.</summary>
    public static int RowsFor(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var last = values.Keys.Select(k => OptionKey().Match(k)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();
        return Math.Max(OptionRows, last + 1);
    }

    /// <summary>The posted form, dates put together from their three boxes.</summary>
    public static ExceptionReportForm FromPost(IFormCollection form, IReadOnlyList<MilestoneRecord> milestones)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(milestones);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key is "cause" or "consequences" or "recommendation" or "lessons" or "plan.approvedBudget" || OptionKey().IsMatch(key))
            {
                values[key] = value.ToString();
            }
        }

        foreach (var m in milestones)
        {
            var field = MilestoneField(m.MilestoneId);
            values[field] = DateField.Compose(form[field + "-day"], form[field + "-month"], form[field + "-year"]);
        }

        return new ExceptionReportForm(values, milestones);
    }

    /// <summary>The report as last sent, to change it when more information is asked for; empty for a first report.</summary>
    public static ExceptionReportForm FromReport(ExceptionReport? report, IReadOnlyList<MilestoneRecord> milestones)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (report is not null)
        {
            values["cause"] = report.Cause;
            values["consequences"] = report.Consequences;
            values["recommendation"] = report.Recommendation;
            values["lessons"] = report.Lessons ?? string.Empty;
            for (var i = 0; i < report.Options.Count; i++)
            {
                values[$"options[{i}].title"] = report.Options[i].Title;
                values[$"options[{i}].effect"] = report.Options[i].Effect;
            }

            values["plan.approvedBudget"] = report.Plan?.ApprovedBudget?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;
            foreach (var planned in report.Plan?.Milestones ?? [])
            {
                values[MilestoneField(planned.MilestoneId)] = planned.Baseline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        return new ExceptionReportForm(values, milestones);
    }

    /// <summary>The API's body from the page's fields; blank option rows and milestone dates are not sent.</summary>
    public ExceptionReportBody ToBody()
    {
        _optionRows.Clear();
        _planMilestones.Clear();
        var options = new List<ExceptionOptionBody?>();
        for (var row = 0; row < RowsFor(_values); row++)
        {
            var (title, effect) = (Text($"options[{row}].title"), Text($"options[{row}].effect"));
            if (title is not null || effect is not null)
            {
                _optionRows.Add(row);
                options.Add(new ExceptionOptionBody(title, effect));
            }
        }

        var budget = Money("plan.approvedBudget");
        var dates = new List<PlanMilestoneBody?>();
        foreach (var m in _milestones)
        {
            if (Date(MilestoneField(m.MilestoneId)) is { } baseline)
            {
                _planMilestones.Add(m.MilestoneId);
                dates.Add(new PlanMilestoneBody(m.MilestoneId, baseline));
            }
        }

        var plan = budget is null && dates.Count == 0 ? null : new ExceptionPlanBody(budget, dates);
        return new ExceptionReportBody(Text("cause"), Text("consequences"), options, Text("recommendation"), Text("lessons"), plan);
    }

    /// <summary>
    /// The API's errors by the page's fields, with the unreadable ones first found, in the order the fields are on
    /// the page; messages name the field in words ("the effect of option 2") and end without a full stop.
    /// </summary>
    public IReadOnlyDictionary<string, string> PageErrors(IReadOnlyDictionary<string, string[]> apiErrors)
    {
        ArgumentNullException.ThrowIfNull(apiErrors);
        var all = new Dictionary<string, string>(Errors, StringComparer.Ordinal);
        foreach (var (field, messages) in apiErrors)
        {
            var (page, words) = ToPage(field);
            var message = field == "options" && messages[0].StartsWith("Give from 1 ", StringComparison.Ordinal)
                ? "Enter at least one option and its effect" // the API's words name the list's bounds; one option is what the page asks for
                : messages[0].Replace("the " + field, "the " + words, StringComparison.Ordinal).TrimEnd('.');
            all.TryAdd(page, message);
        }

        var order = FieldOrder();
        return all.OrderBy(e => order.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue)
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private (string Field, string Words) ToPage(string field)
    {
        if (field == "options")
        {
            return ("options[0].title", "options");
        }

        var option = ApiOption().Match(field);
        if (option.Success)
        {
            var index = int.Parse(option.Groups[1].Value, CultureInfo.InvariantCulture);
            var row = index < _optionRows.Count ? _optionRows[index] : index;
            var part = option.Groups[2].Value;
            return ($"options[{row}].{part}", $"{(part == "title" ? "title" : "effect")} of option {row + 1}");
        }

        var planned = ApiMilestone().Match(field);
        if (planned.Success || field == "plan.milestones")
        {
            var index = planned.Success ? int.Parse(planned.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var id = index < _planMilestones.Count ? _planMilestones[index] : (_milestones.Count > 0 ? _milestones[0].MilestoneId : string.Empty);
            return (MilestoneField(id), "new baseline");
        }

        return (field, field == "plan.approvedBudget" ? "new approved budget" : field);
    }

    private List<string> FieldOrder()
    {
        var order = new List<string> { "cause", "consequences" };
        for (var row = 0; row < RowsFor(_values); row++)
        {
            order.Add($"options[{row}].title");
            order.Add($"options[{row}].effect");
        }

        order.AddRange(["recommendation", "lessons", "plan.approvedBudget"]);
        order.AddRange(_milestones.Select(m => MilestoneField(m.MilestoneId)));
        return order;
    }

    private string? Text(string field) => _read.Text(field);

    private decimal? Money(string field) => _read.Money(field, "Enter the new approved budget in pounds, like 10800 or 10800.50", mayBeNegative: true);

    private DateOnly? Date(string field) => _read.Date(field, "Enter the new baseline as a real date, like 27 3 2027");

    [GeneratedRegex(@"^options\[(\d{1,2})\]\.(title|effect)$")]
    private static partial Regex OptionKey();

    [GeneratedRegex(@"^options\[(\d+)\]\.(title|effect)$")]
    private static partial Regex ApiOption();

    [GeneratedRegex(@"^plan\.milestones\[(\d+)\]\.(milestoneId|baseline)$")]
    private static partial Regex ApiMilestone();
}
