using System.Text.Json.Serialization;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Views;

/// <summary>How many projects share a stage, category, cost band and latest delivery confidence (none before a highlight report).</summary>
public sealed record PortfolioCount(ProjectStage Stage, ProjectCategory Category, string CostBand, int Count, string? Confidence = null);

/// <summary>
/// The portfolio's counts, one document beside the rows, recounted from them after every change: the page's
/// counts by stage and the number of rows any filter matches (for pagination) come from one point read.
/// </summary>
public sealed record PortfolioSummary
{
    public const string DocumentId = "summary";
    public const string DocumentType = "portfolio-summary";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public string ViewId { get; init; } = ViewIds.Portfolio;

    public string Type { get; init; } = DocumentType;

    public IReadOnlyList<PortfolioCount> Counts { get; init; } = [];

    public DateTimeOffset CountedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public int CountOf(PortfolioFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Counts.Where(filter.Matches).Sum(c => c.Count);
    }

    public int CountOf(ProjectStage stage) => Counts.Where(c => c.Stage == stage).Sum(c => c.Count);

    /// <summary>Projects in the stage whose latest delivery confidence is <paramref name="confidence"/> (null: no report yet).</summary>
    public int CountOf(ProjectStage stage, string? confidence) => Counts.Where(c => c.Stage == stage && c.Confidence == confidence).Sum(c => c.Count);
}
