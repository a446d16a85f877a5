using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Highlights;

/// <summary>
/// A highlight report: the project manager's regular status to the board, kept as a dated snapshot in the project's
/// partition (one per UK day). The manager writes the summary, this period, next period, lessons and their delivery
/// confidence; the rest (status per dimension, tolerance readings, risks, issues, changes, exceptions) is filled in
/// from the project's own records when it is sent and never changes afterwards.
/// </summary>
public sealed record HighlightReport : IProjectDocument<HighlightReport>
{
    public const string DocumentType = "highlight-report";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The UK day it was sent, which names it, and the first day of the period it covers.</summary>
    public required DateOnly ReportDate { get; init; }

    public required DateOnly PeriodFrom { get; init; }

    public required string Summary { get; init; }

    public required string ThisPeriod { get; init; }

    public required string NextPeriod { get; init; }

    public string? Lessons { get; init; }

    /// <summary>The project manager's delivery confidence, a label of the scale in force when it was sent.</summary>
    public required string DeliveryConfidence { get; init; }

    public required HighlightFacts Facts { get; init; }

    public required string SentBy { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public HighlightReport WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(DateOnly reportDate) => "highlight~" + reportDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether another sending the same day says the same (a retry), whatever the records read now.</summary>
    public bool SameAs(HighlightReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Summary == other.Summary && ThisPeriod == other.ThisPeriod && NextPeriod == other.NextPeriod
            && Lessons == other.Lessons && DeliveryConfidence == other.DeliveryConfidence;
    }
}

/// <summary>
/// How often a project's highlight reports are due (calendar days, set per project; the settings' default until
/// then) and who receives them besides the sponsor: people in the directory, by id.
/// </summary>
public sealed record HighlightPlan : IProjectDocument<HighlightPlan>
{
    public const string DocumentType = "highlight-plan";

    public const string DocumentId = "highlight-plan";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required int EveryDays { get; init; }

    public IReadOnlyList<string> StakeholderIds { get; init; } = [];

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public HighlightPlan WithETag(string? etag) => this with { ETag = etag };
}

/// <summary>Input of <see cref="HighlightReportOrchestrator"/>: which project's report of which day to send out.</summary>
public sealed record HighlightSent(string ProjectId, DateOnly ReportDate)
{
    /// <summary>One sending per report: a retried request starts nothing new.</summary>
    public string InstanceId => $"highlight-{ProjectId}-{ReportDate:yyyy-MM-dd}";
}
