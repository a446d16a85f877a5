using System.Text.Json;
using System.Text.Json.Serialization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Changes;

/// <summary>
/// A request for change (PRINCE2): a change to scope, time or cost with its justification and impact, the money it
/// adds to (or saves from) the budget and the milestone baselines it moves. In the project's partition, one document
/// per change; sending it again after more information was asked for makes a new version.
/// </summary>
public sealed record ChangeRequest : IProjectDocument<ChangeRequest>
{
    public const string DocumentType = "change-request";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The id people and the API use, chosen by the project manager (<c>cr1</c>).</summary>
    public required string ChangeId { get; init; }

    public required ChangeKind Kind { get; init; }

    public required string Title { get; init; }

    public required string Justification { get; init; }

    /// <summary>Its impact on the business case, the plan, risks and benefits, in words.</summary>
    public required string Impact { get; init; }

    /// <summary>What it adds to the cost at completion (negative when it saves money).</summary>
    public required decimal CostImpact { get; init; }

    /// <summary>The milestone baselines it moves.</summary>
    public IReadOnlyList<PlanMilestone> Milestones { get; init; } = [];

    /// <summary>1 when first sent, 2 after more information was asked for…</summary>
    public required int Version { get; init; }

    public required ChangeStatus Status { get; init; }

    public required string RaisedBy { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Whether it was within the project manager's delegated tolerance, once assessed.</summary>
    public ChangeAssessment? Assessment { get; init; }

    public ChangeDecision? Decision { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ChangeRequest WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string changeId) => "change~" + changeId;

    /// <summary>Whether another sending asks for the same change (who, when and what became of it aside): a retry.</summary>
    public bool SameAs(ChangeRequest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Content(this) == Content(other);

        static string Content(ChangeRequest c) => JsonSerializer.Serialize(new { c.Kind, c.Title, c.Justification, c.Impact, c.CostImpact, c.Milestones });
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    Scope,
    Time,
    Cost,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChangeStatus>))]
public enum ChangeStatus
{
    /// <summary>Sent, not yet assessed against the project manager's delegated tolerance.</summary>
    Submitted,

    /// <summary>Beyond the project manager's delegated tolerance: with the board (the level that set the tolerances).</summary>
    AwaitingDecision,

    /// <summary>The board asked for more information: the project manager sends it again.</summary>
    MoreInformationRequested,

    /// <summary>Approved (automatically within delegation, or by the board) and the project re-baselined.</summary>
    Approved,

    Rejected,
}

/// <summary>
/// How a change measured against the project manager's delegation when it was assessed: the change budget left
/// before it, the furthest it moves a milestone, and why it went where it went.
/// </summary>
public sealed record ChangeAssessment(bool WithinDelegation, decimal ChangeBudgetLeft, int SlipWorkingDays, string Reason);

/// <summary>How the change was decided: automatically (within delegation, by the system) or by the board.</summary>
public sealed record ChangeDecision(ApprovalOutcome Outcome, string DecidedBy, DateTimeOffset DecidedAt, bool Automatic);

/// <summary>
/// The event the change function raises on the project's control orchestration when a change is sent: ids and a
/// version only; the change itself stays in Cosmos DB.
/// </summary>
public sealed record ChangeSubmitted(string ProjectId, string ChangeId, int Version)
{
    public const string EventName = "ChangeSubmitted";

    /// <summary>The approval gate's id for this version of the change, also what a baseline it set records.</summary>
    public string GateId => $"change-{ChangeId}-v{Version}".ToLowerInvariant();
}
