using System.Text.Json.Serialization;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Views;

/// <summary>One project as the portfolio shows it, copied from the project document whenever that changes.</summary>
public sealed record PortfolioRow
{
    public const string DocumentType = "portfolio-row";

    /// <summary>The project's id: one row per project.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = ViewIds.Portfolio;

    public string Type { get; init; } = DocumentType;

    public required string Title { get; init; }

    public required ProjectCategory Category { get; init; }

    public required ProjectStage Stage { get; init; }

    public required string WaitingFor { get; init; }

    /// <summary>The scheme of delegation's cost band for the estimated cost (e.g. "up to £10,000").</summary>
    public required string CostBand { get; init; }

    public required decimal EstimatedCost { get; init; }

    public required string SponsorName { get; init; }

    public string? ProjectManagerName { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it entered its stage, for how long it has waited there.</summary>
    public required DateTimeOffset StageSince { get; init; }

    /// <summary>Orders the portfolio, newest request first, and pages it: submission time, then the id to break ties.</summary>
    public string SortKey => SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture) + "|" + Id;

    /// <summary>When the row last moved between the summary's counts; a summary counted before then is out of date.</summary>
    public DateTimeOffset CountChangedAt { get; init; }

    /// <summary>Budget, next milestone, top risk, exceptions, benefits and confidence once approved; written by the controls view.</summary>
    public PortfolioFigures? Figures { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>True while the project is still being delivered or decided (not done, rejected or withdrawn).</summary>
    public bool Active => Stage is not (ProjectStage.Closed or ProjectStage.Done or ProjectStage.Rejected or ProjectStage.Withdrawn);

    public static PortfolioRow From(ProjectDocument project, string costBand)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new PortfolioRow
        {
            Id = project.ProjectId,
            Title = project.Request.Title,
            Category = project.Request.Category,
            Stage = project.Stage,
            WaitingFor = project.WaitingFor,
            CostBand = costBand,
            EstimatedCost = project.Request.EstimatedCost.Total,
            SponsorName = project.Request.Sponsor.Name,
            ProjectManagerName = project.ProjectManager?.Name,
            SubmittedAt = project.SubmittedAt,
            StageSince = project.StageChangedAt ?? project.SubmittedAt,
        };
    }
}
