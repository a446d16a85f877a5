using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Services;

/// <summary>
/// A Service Standard assessment of a service's phase, in its project's partition: requested by the team (phase,
/// preferred dates, documents), its panel assigned by an assessment lead (assessors, never from the team), the team's
/// self-assessment per point, and the panel's result per point with the overall outcome. A reassessment covers only
/// the points its earlier assessment did not meet. Conditions are actions with owners and due dates, reminded daily
/// until done. The report is kept in Blob Storage (<see cref="ReportBlob"/>) and published as a page.
/// </summary>
public sealed record ServiceAssessment : IProjectDocument<ServiceAssessment>
{
    public const string DocumentType = "service-assessment";

    [JsonPropertyName("id")]
    public string Id => IdFor(AssessmentId);

    public required string AssessmentId { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The phase assessed: the service moves on from it once this is met.</summary>
    public required ServicePhase Phase { get; init; }

    public required AssessmentKind Kind { get; init; }

    public required IReadOnlyList<DateOnly> PreferredDates { get; init; }

    public required IReadOnlyList<AssessmentDocument> Documents { get; init; }

    /// <summary>The assessment whose points not met this one reassesses, or null for a full assessment.</summary>
    public string? ReassessmentOf { get; init; }

    /// <summary>The points assessed: all 14, or the points a reassessment covers.</summary>
    public required IReadOnlyList<int> Points { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public AssessmentStatus Status { get; init; } = AssessmentStatus.Requested;

    public AssessmentPanel? Panel { get; init; }

    public IReadOnlyList<SelfAssessedPoint> SelfAssessment { get; init; } = [];

    public IReadOnlyList<PointResult> Results { get; init; } = [];

    public AssessmentOutcome? Outcome { get; init; }

    public IReadOnlyList<AssessmentCondition> Conditions { get; init; } = [];

    public string? AssessedBy { get; init; }

    public DateTimeOffset? AssessedAt { get; init; }

    /// <summary>The report as an HTML document in the documents container.</summary>
    public string? ReportBlob { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ServiceAssessment WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string assessmentId) => $"assessment~{assessmentId}";

    public static string BlobFor(string projectId, string assessmentId) => $"{projectId}/service-assessment-{assessmentId}.html";

    /// <summary>The points the panel found not met: what a reassessment covers.</summary>
    public IReadOnlyList<int> NotMet => Results.Where(r => !r.Met).Select(r => r.Point).Order().ToList();
}

/// <summary>Internal (the council's own panel) or external (GDS-led).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssessmentKind>))]
public enum AssessmentKind
{
    Internal,
    External,
}

[JsonConverter(typeof(JsonStringEnumConverter<AssessmentStatus>))]
public enum AssessmentStatus
{
    Requested,
    PanelAssigned,
    Assessed,
}

[JsonConverter(typeof(JsonStringEnumConverter<AssessmentOutcome>))]
public enum AssessmentOutcome
{
    Met,
    NotMet,
}

/// <summary>Evidence the team offers: a title and where to read it.</summary>
public sealed record AssessmentDocument(string Title, string Url);

/// <summary>The panel: the lead assessor and the other assessors (directory ids), and who assigned it.</summary>
public sealed record AssessmentPanel(string LeadAssessorId, IReadOnlyList<string> AssessorIds, string AssignedBy, DateTimeOffset AssignedAt)
{
    public IEnumerable<string> Members => AssessorIds.Prepend(LeadAssessorId);
}

/// <summary>What the team says about one point before the assessment.</summary>
public sealed record SelfAssessedPoint(int Point, string Summary);

/// <summary>The panel's finding on one point.</summary>
public sealed record PointResult(int Point, bool Met, string Reasons, string? Recommendations);

/// <summary>A condition of the outcome: an action with its owner (directory id) and due date.</summary>
public sealed record AssessmentCondition(string ConditionId, string Description, string OwnerId, DateOnly Due)
{
    public bool Done { get; init; }
}
