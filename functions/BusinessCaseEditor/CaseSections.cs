using Delivery.Workflows.BusinessCase;

namespace Delivery.Functions.BusinessCaseEditor;

/// <summary>One of the five cases of the Five Case Model, as the editor shows it.</summary>
public sealed record CaseSection(string Slug, string Title, string Hint, string ApiPrefix);

/// <summary>
/// The editor's sections, one page each, and how many rows a page offers for its lists (blank rows are left out
/// when saved). The fields are named by their API paths, so the API's errors land on the page's fields.
/// </summary>
public static class CaseSections
{
    public const int OptionRows = 3;
    public const int YearRows = 5;
    public const int MilestoneRows = 5;
    public const int RiskRows = 3;
    public const int BenefitRows = 3;

    public static IReadOnlyList<CaseSection> All { get; } =
    [
        new("strategic", "Strategic case", "The case for change and how it fits the council's strategy", "strategic"),
        new("economic", "Economic case", "The options considered and the one preferred", "economic"),
        new("commercial", "Commercial case", "How it will be bought and from whom", "commercial"),
        new("financial", "Financial case", "Capital and revenue costs by financial year", "financial"),
        new("management", "Management case", "The delivery plan, milestones, risks and benefits", "management"),
    ];

    /// <summary>
    /// Rows the page offers for a list: its default, or every saved entry and one blank when there are more (a
    /// draft saved through the API may hold more than the page's default), so saving the page never drops any.
    /// </summary>
    public static int RowsFor(IReadOnlyDictionary<string, string> values, string list, int defaultRows)
    {
        ArgumentNullException.ThrowIfNull(values);
        var saved = SubmitProject.RequestFields.FromValues(values).IndexesOf(list).DefaultIfEmpty(-1).Max() + 1;
        return Math.Max(defaultRows, saved + 1);
    }

    public static CaseSection? Find(string? slug) => All.FirstOrDefault(s => s.Slug == slug);

    public static string Href(string projectId, string? slug = null) =>
        $"/api/projects/{Uri.EscapeDataString(projectId)}/business-case/edit" + (slug is null ? string.Empty : "/" + slug);

    /// <summary>The section an API field belongs to (its first path segment), for links from errors.</summary>
    public static CaseSection? Of(string field) => All.FirstOrDefault(s => field == s.ApiPrefix || field.StartsWith(s.ApiPrefix + ".", StringComparison.Ordinal));

    /// <summary>Whether the section has anything in it yet, for the task list's status.</summary>
    public static bool IsStarted(CaseSection section, BusinessCaseContent? content) => section.Slug switch
    {
        "strategic" => content?.Strategic is { } s && (s.CaseForChange ?? s.StrategicFit) is not null,
        "economic" => content?.Economic is { } e && ((e.Options?.Count ?? 0) > 0 || e.PreferredOption is not null),
        "commercial" => content?.Commercial is { } c && (c.ProcurementRoute ?? c.Suppliers) is not null,
        "financial" => (content?.Financial?.Years?.Count ?? 0) > 0,
        _ => content?.Management is { } m && (m.Plan is not null || (m.Milestones?.Count ?? 0) + (m.Risks?.Count ?? 0) + (m.Benefits?.Count ?? 0) > 0),
    };
}
