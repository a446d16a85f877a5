using Delivery.Workflows.Storage;
using System.Text.Json.Serialization;

namespace Delivery.Workflows.Approvals;

/// <summary>
/// One approval step as stored in the project's partition. Every change to it is ETag-guarded, so when several
/// decisions race exactly one is recorded.
/// </summary>
public sealed record ApprovalStepDocument : IProjectDocument<ApprovalStepDocument>
{
    public const string DocumentType = "approval-step";

    /// <summary><c>{projectId}~{gateId}~{stepKey}</c>: the id in decision links, and enough to find the partition.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string GateId { get; init; }

    /// <summary>The step orchestration waiting for this step's decision.</summary>
    public required string InstanceId { get; init; }

    /// <summary>What is being approved, e.g. "Business Justification Case, version 1".</summary>
    public required string Subject { get; init; }

    public required string Label { get; init; }

    /// <summary>The approval role the step needs (null for a named approver).</summary>
    public string? Role { get; init; }

    /// <summary>Why the gate was routed as it was, when that needs saying to the approver (e.g. re-routed into a higher band).</summary>
    public string? RouteNote { get; init; }

    public required ApprovalPerson Approver { get; init; }

    public ApprovalPerson? Delegate { get; init; }

    public ApprovalPerson? EscalationContact { get; init; }

    /// <summary>Set when the step was escalated; the escalation contact may then decide too.</summary>
    public ApprovalPerson? EscalatedTo { get; init; }

    /// <summary>True for the gate's last round: its approver may adjust the project manager and tolerances.</summary>
    public bool IsFinal { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public StepStatus Status { get; init; } = StepStatus.Pending;

    public StepDecision? Decision { get; init; }

    public IReadOnlyList<LinkToken> Tokens { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ApprovalStepDocument WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string projectId, string gateId, string stepKey) => $"{projectId}~{gateId}~{stepKey}";

    /// <summary>The project id inside a step id, or null when the id is not a step id.</summary>
    public static string? ProjectIdOf(string stepId)
    {
        var parts = (stepId ?? string.Empty).Split('~');
        return parts.Length == 3 && parts.All(p => p.Length is > 0 and <= 100) ? parts[0] : null;
    }

    /// <summary>Whether this person may decide: the approver, their delegate, or the contact it was escalated to.</summary>
    public bool MayDecide(string userId) =>
        new[] { Approver.Id, Delegate?.Id, EscalatedTo?.Id }.Any(id => string.Equals(id, userId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Whether a step still waits for its decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    Pending,
    Decided,
    Closed,
}

/// <summary>A decision-link token: only its hash, whom it was sent to, when it stops working and whether it was used.</summary>
public sealed record LinkToken(string Hash, string PersonId, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt = null);
