using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;

namespace Delivery.Functions.Portfolio;

/// <summary>
/// The portfolio's filters and position from the query string, as entered (to show them again) and as read. An
/// unknown stage, category or band, or a position that is not one the page gave out, is an error naming the field.
/// </summary>
public sealed partial record PortfolioQuery(string? Stage, string? Category, string? Band, string? Page, string? After = null, string? Before = null)
{
    public static PortfolioQuery From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(Value(query, "stage"), Value(query, "category"), Value(query, "band"), Value(query, "page"), Value(query, "after"), Value(query, "before"));
    }

    public (PortfolioFilter Filter, int Page, PortfolioCursor Cursor, Dictionary<string, string> Errors) Read(ApprovalPolicy approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        var errors = new Dictionary<string, string>();
        ProjectStage? stage = null;
        ProjectCategory? category = null;
        if (Stage is not null)
        {
            if (Enum.TryParse<ProjectStage>(Stage, ignoreCase: false, out var s) && Enum.IsDefined(s) && !int.TryParse(Stage, out _))
            {
                stage = s;
            }
            else
            {
                errors["stage"] = "Select a stage from the list";
            }
        }

        if (Category is not null)
        {
            if (Enum.TryParse<ProjectCategory>(Category, ignoreCase: false, out var c) && Enum.IsDefined(c) && !int.TryParse(Category, out _))
            {
                category = c;
            }
            else
            {
                errors["category"] = "Select a category from the list";
            }
        }

        if (Band is not null && !approvals.Bands.Any(b => b.Name == Band))
        {
            errors["band"] = "Select a cost band from the list";
        }

        var page = 1;
        if (Page is not null && (!int.TryParse(Page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page) || page < 1 || page > 100_000))
        {
            errors["page"] = "The page number must be a whole number from 1";
            page = 1;
        }

        if (After is not null && Before is not null || (After ?? Before) is { } key && !SortKeyShape().IsMatch(key))
        {
            errors["page"] = "That page of the portfolio does not exist: go to the first page";
        }

        var cursor = errors.ContainsKey("page") ? PortfolioCursor.First : new PortfolioCursor(After, Before);
        return (new PortfolioFilter(stage, category, errors.ContainsKey("band") ? null : Band), errors.ContainsKey("page") ? 1 : page, cursor, errors);
    }

    /// <summary>The query string for these filters and, for pagination, a page number and where that page starts.</summary>
    public string With(int? page = null, string? after = null, string? before = null)
    {
        var parts = new List<string>();
        Add(parts, "stage", Stage);
        Add(parts, "category", Category);
        Add(parts, "band", Band);
        if (page is > 1)
        {
            parts.Add("page=" + page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(parts, "after", after);
            Add(parts, "before", before);
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    /// <summary>A row's sort key (<see cref="PortfolioRow.SortKey"/>): its submission time and its project id.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z\|prj-[a-z0-9-]{1,40}$")]
    private static partial System.Text.RegularExpressions.Regex SortKeyShape();

    /// <summary>An empty value means "any", as the filter form's first option sends it.</summary>
    private static string? Value(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value : null;
}
