using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Services;

/// <summary>
/// A digital service's phases, one document in its project's partition: each phase it has been in or been asked to
/// move to, with goals, team (directory ids), budget, start and planned end; the move waiting for a decision; and,
/// when it stopped after Discovery or Alpha, why. Its <see cref="ServiceLifecycleOrchestrator"/> carries the moves.
/// </summary>
public sealed record ServiceRecord : IProjectDocument<ServiceRecord>
{
    public const string DocumentType = "service";

    public const string DocumentId = "service";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required ServicePhase Phase { get; init; }

    public ServiceStatus Status { get; init; } = ServiceStatus.Active;

    /// <summary>Every phase entered, in order; the last is the current one.</summary>
    public required IReadOnlyList<PhasePlan> Phases { get; init; }

    /// <summary>The move asked for and not yet decided (only one at a time).</summary>
    public PendingMove? Pending { get; init; }

    /// <summary>Every move decided, approved or not.</summary>
    public IReadOnlyList<PhaseMove> Moves { get; init; } = [];

    public ServiceStop? Stop { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ServiceRecord WithETag(string? etag) => this with { ETag = etag };

    public PhasePlan Current => Phases[^1];

    /// <summary>The team of the current phase: the people who may never sit on its assessment's panel.</summary>
    public IReadOnlyList<string> TeamIds => Current.TeamIds;
}

/// <summary>One phase: what it is for, who is in the team, its budget and dates.</summary>
public sealed record PhasePlan(ServicePhase Phase, string Goals, IReadOnlyList<string> TeamIds, decimal Budget, DateOnly Start, DateOnly PlannedEnd)
{
    public DateTimeOffset? EnteredAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Whether another sending plans the same (a retry), whenever either was entered or ended; the team compared by its members.</summary>
    public bool SamePlanAs(PhasePlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Phase == other.Phase && Goals == other.Goals && TeamIds.SequenceEqual(other.TeamIds, StringComparer.OrdinalIgnoreCase)
            && Budget == other.Budget && Start == other.Start && PlannedEnd == other.PlannedEnd;
    }
}

/// <summary>A move asked for: its id (chosen by the asker, so a retry is recognised), the next phase's plan, the assessment that allows it.</summary>
public sealed record PendingMove(string MoveId, ServicePhase From, PhasePlan Next, string RequestedBy, DateTimeOffset RequestedAt, string? AssessmentId);

/// <summary>A decided move: approved moves changed the phase; declined ones left it.</summary>
public sealed record PhaseMove(string MoveId, ServicePhase From, ServicePhase To, bool Approved, string DecidedBy, DateTimeOffset DecidedAt, string? AssessmentId);

/// <summary>Why the service stopped ("we learned not to build it"), after which phase, by whom.</summary>
public sealed record ServiceStop(ServicePhase After, string Reasons, string StoppedBy, DateTimeOffset StoppedAt);
