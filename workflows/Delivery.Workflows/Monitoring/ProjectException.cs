using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// An exception: a tolerance breach the project manager must report on, in the project's partition, one per breach
/// episode (its id names the kind and episode, so the monitor raising it again finds it here). It keeps the worst
/// band the episode reached.
/// </summary>
public sealed record ProjectException : IProjectDocument<ProjectException>
{
    public const string DocumentType = "exception";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required ToleranceKind Kind { get; init; }

    public required int Episode { get; init; }

    public required int Band { get; init; }

    /// <summary>The reading that raised it (or last worsened it), in words and figures.</summary>
    public required string Measure { get; init; }

    public required DateOnly RaisedOn { get; init; }

    public required ExceptionStatus Status { get; init; }

    /// <summary>The project manager's exception report, once written (the latest version).</summary>
    public ExceptionReport? Report { get; init; }

    /// <summary>How many times a report was sent: 1 for the first, 2 after more information was asked for…</summary>
    public int ReportVersion { get; init; }

    /// <summary>The decision on the latest report.</summary>
    public ExceptionDecision? Decision { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ProjectException WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(ToleranceKind kind, int episode) => IdFor($"{kind}-{episode}");

    /// <summary>The document id for an exception's public id (<c>Cost-1</c>).</summary>
    public static string IdFor(string exceptionId) => "exception~" + exceptionId;

    /// <summary>The id people and the API use: the kind and episode, like <c>Cost-1</c>.</summary>
    [JsonIgnore]
    public string ExceptionId => $"{Kind}-{Episode}";
}

/// <summary>
/// An exception report (PRINCE2): the cause, its consequences, the options with their effect on the business case,
/// risks and tolerances, the recommendation and lessons; with the exception plan proposed, if any (a new approved
/// budget and new milestone baselines; new tolerances are the approver's to set).
/// </summary>
public sealed record ExceptionReport(
    string Cause,
    string Consequences,
    IReadOnlyList<ExceptionOption> Options,
    string Recommendation,
    string? Lessons,
    ExceptionPlan? Plan,
    string SubmittedBy,
    DateTimeOffset SubmittedAt)
{
    /// <summary>Whether another sending says the same (who and when aside): a retry, not a new report.</summary>
    public bool SameAs(ExceptionReport other) =>
        System.Text.Json.JsonSerializer.Serialize(this with { SubmittedBy = string.Empty, SubmittedAt = default })
        == System.Text.Json.JsonSerializer.Serialize(other with { SubmittedBy = string.Empty, SubmittedAt = default });
}

public sealed record ExceptionOption(string Title, string Effect);

/// <summary>What an approved exception plan re-baselines.</summary>
public sealed record ExceptionPlan(decimal? ApprovedBudget, IReadOnlyList<PlanMilestone> Milestones);

public sealed record PlanMilestone(string MilestoneId, DateOnly Baseline);

/// <summary>How the level that set the tolerance decided on the report.</summary>
public sealed record ExceptionDecision(Approvals.ApprovalOutcome Outcome, string DecidedBy, DateTimeOffset DecidedAt);

[JsonConverter(typeof(JsonStringEnumConverter<ExceptionStatus>))]
public enum ExceptionStatus
{
    /// <summary>The project manager has been asked for an exception report.</summary>
    AwaitingReport,

    /// <summary>The report is with the level that set the tolerance.</summary>
    AwaitingDecision,

    /// <summary>The approver asked for more information: the project manager sends the report again.</summary>
    MoreInformationRequested,

    /// <summary>The exception plan is approved and the project re-baselined.</summary>
    PlanApproved,

    /// <summary>The approver decided the project closes early.</summary>
    ClosedEarly,
}
