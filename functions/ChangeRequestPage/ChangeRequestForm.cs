using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Milestones;

namespace Delivery.Functions.ChangeRequestPage;

/// <summary>
/// The change request page's fields and the API's body. Fields are named by the API's paths (<c>kind</c>,
/// <c>title</c>, <c>costImpact</c>) except the milestones, offered one date each (<c>milestones.m1</c>); blank
/// dates are left out, so errors the API names by list position are mapped back to the milestone on the page. The
/// change's id is made when the form is opened and sent with it, so sending the same form twice is one change.
/// </summary>
public sealed partial class ChangeRequestForm
{
    private readonly Dictionary<string, string> _values;
    private readonly FormValues _read;
    private readonly IReadOnlyList<MilestoneRecord> _milestones;
    private readonly List<string> _moved = [];

    private ChangeRequestForm(Dictionary<string, string> values, IReadOnlyList<MilestoneRecord> milestones)
    {
        _values = values;
        _read = new FormValues(values);
        _milestones = milestones;
    }

    /// <summary>The values to show, by the page's field names (dates as <c>yyyy-MM-dd</c>, as typed).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>What could not be read at all (an amount that is not a number, a date that is not a date), by page field.</summary>
    public Dictionary<string, string> Errors => _read.Errors;

    /// <summary>The change's id, as the API takes it.</summary>
    public string ChangeId => _values.GetValueOrDefault("changeId") ?? string.Empty;

    /// <summary>The page field of a milestone's new baseline.</summary>
    public static string MilestoneField(string milestoneId) => "milestones." + milestoneId;

    /// <summary>A new, empty form with a fresh change id (<c>cr-</c> and random letters, as the API's ids allow).</summary>
    public static ChangeRequestForm New(IReadOnlyList<MilestoneRecord> milestones) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal) { ["changeId"] = "cr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)) }, milestones);

    /// <summary>The posted form, dates put together from their three boxes.</summary>
    public static ChangeRequestForm FromPost(IFormCollection form, IReadOnlyList<MilestoneRecord> milestones)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(milestones);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "changeId", "kind", "title", "justification", "impact", "costImpact" })
        {
            values[key] = form[key].ToString();
        }

        foreach (var m in milestones)
        {
            var field = MilestoneField(m.MilestoneId);
            values[field] = DateField.Compose(form[field + "-day"], form[field + "-month"], form[field + "-year"]);
        }

        return new ChangeRequestForm(values, milestones);
    }

    /// <summary>The API's body from the page's fields; blank milestone dates are not sent.</summary>
    public ChangeBody ToBody()
    {
        _moved.Clear();
        var dates = new List<PlanMilestoneBody?>();
        foreach (var m in _milestones)
        {
            if (Date(MilestoneField(m.MilestoneId)) is { } baseline)
            {
                _moved.Add(m.MilestoneId);
                dates.Add(new PlanMilestoneBody(m.MilestoneId, baseline));
            }
        }

        return new ChangeBody(Text("kind"), Text("title"), Text("justification"), Text("impact"), Money("costImpact"), dates);
    }

    /// <summary>The API's errors by the page's fields, after those the page could not read, in the order of the page.</summary>
    public IReadOnlyDictionary<string, string> PageErrors(IReadOnlyDictionary<string, string[]> apiErrors)
    {
        ArgumentNullException.ThrowIfNull(apiErrors);
        var all = new Dictionary<string, string>(Errors, StringComparer.Ordinal);
        foreach (var (field, messages) in apiErrors)
        {
            var page = ToPage(field);
            var message = field switch
            {
                "kind" when Text("kind") is null => "Choose the kind of change: scope, time or cost",
                _ => messages[0].TrimEnd('.'),
            };
            all.TryAdd(page, message);
        }

        var order = new List<string> { "changeId", "kind", "title", "justification", "impact", "costImpact" };
        order.AddRange(_milestones.Select(m => MilestoneField(m.MilestoneId)));
        return all.OrderBy(e => order.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue)
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private string ToPage(string field)
    {
        var moved = ApiMilestone().Match(field);
        if (!moved.Success && field != "milestones")
        {
            return field;
        }

        var index = moved.Success ? int.Parse(moved.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var id = index < _moved.Count ? _moved[index] : (_milestones.Count > 0 ? _milestones[0].MilestoneId : string.Empty);
        return MilestoneField(id);
    }

    private string? Text(string field) => _read.Text(field);

    private decimal? Money(string field) => _read.Money(field, "Enter the cost impact in pounds, like 1500, 0 or -250", mayBeNegative: true);

    private DateOnly? Date(string field) => _read.Date(field, "Enter the new baseline as a real date, like 27 3 2027");

    [GeneratedRegex(@"^milestones\[(\d+)\]\.(milestoneId|baseline)$")]
    private static partial Regex ApiMilestone();
}
