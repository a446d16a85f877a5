using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Starts a project's lifecycle.</summary>
public sealed record LifecycleInput(string ProjectId);

/// <summary>How far the lifecycle went: Initiation when approved, else Rejected or Withdrawn.</summary>
public sealed record LifecycleOutcome(ProjectStage Stage);

/// <summary>The lifecycle's custom status: the same stage and wait the project document shows, with people as ids.</summary>
public sealed record LifecycleStatus(ProjectStage Stage, Wait WaitingFor);

/// <summary>
/// What a project waits for, e.g. "Approval of the Business Justification Case, version 1" from the people named by
/// sign-in id with the capacity they act in. Workflows carry this; the project document gets it in words with
/// names (<see cref="Describe"/>), so no personal data enters the orchestration history.
/// </summary>
public sealed record Wait(string What, IReadOnlyList<WaitingOn> From)
{
    public static Wait For(string what) => new(what, []);

    /// <summary>"What from Lee Morgan (line manager) and Farah Ahmed (finance)", names looked up by id.</summary>
    public string Describe(Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        if (From.Count == 0)
        {
            return What;
        }

        var people = From.Select(p => (nameOf(p.PersonId) ?? p.PersonId) + (p.Label.Length == 0 ? string.Empty : $" ({p.Label.ToLowerInvariant()})"));
        return $"{What} from {string.Join(" and ", people)}";
    }
}

/// <summary>One person a stage waits for: their sign-in id and the capacity they act in (may be empty).</summary>
public sealed record WaitingOn(string PersonId, string Label);

/// <summary>The business cases a project needs, decided once at the start from its estimated cost.</summary>
public sealed record LifecyclePlan(IReadOnlyList<BusinessCaseKind> Kinds);

/// <summary>Raised on the lifecycle when the requester submits (or resubmits) the business case.</summary>
public sealed record BusinessCaseSubmission(int Version, BusinessCaseKind Kind, decimal TotalCost, IReadOnlyList<Milestone> Milestones);

/// <summary>Raised on the lifecycle when the requester withdraws the project.</summary>
public sealed record Withdrawal(string WithdrawnBy, DateTimeOffset At);

/// <summary>Input of <see cref="SetProjectStageActivity"/>; <c>AuditKey</c> makes its audit entry once-only.</summary>
public sealed record StageChange(string ProjectId, ProjectStage Stage, Wait WaitingFor, string AuditKey);

/// <summary>
/// Input of <see cref="PlanApprovalActivity"/>: the business case's total, the gate being planned and the band the
/// previous gate of this lifecycle was routed in (null for the first).
/// </summary>
public sealed record PlanApproval(string ProjectId, decimal TotalCost, string? GateId = null, string? PreviousBand = null);

/// <summary>
/// Output of <see cref="PlanApprovalActivity"/>: the route (ids only) and the timings, fixed for this gate; or, when
/// nobody eligible can approve a step, no route and the <see cref="Problem"/> in words.
/// </summary>
public sealed record ApprovalPlan(ApprovalRoute? Route, ApprovalTiming Timing, string? Problem = null);

/// <summary>Input of <see cref="RecordGateOutcomeActivity"/>.</summary>
public sealed record GateOutcome(string ProjectId, BusinessCaseKind Kind, string Subject, ApprovalGateResult Result);

/// <summary>Input of <see cref="StartInitiationActivity"/>: the final approval and the approved figures.</summary>
public sealed record InitiationStart(string ProjectId, StepDecision FinalDecision, decimal ApprovedBudget, IReadOnlyList<Milestone> Milestones, string AuditKey);

/// <summary>
/// Versions of <see cref="ProjectLifecycleOrchestrator"/>. A lifecycle lives for months, so every instance keeps the
/// version it started on; the orchestrator branches on <c>context.Version</c> for behaviour added later.
/// </summary>
public static class LifecycleVersions
{
    /// <summary>The receipt email was sent by intake, before the lifecycle started.</summary>
    public const string ReceiptByIntake = "1";

    /// <summary>The lifecycle's first activity sends the receipt through the email outbox.</summary>
    public const string ReceiptByLifecycle = "2";

    /// <summary>
    /// The lifecycle orchestrator is unchanged; the project's control orchestration (which starts on the same default
    /// version) runs the benefits reviews after an approved closure and then ends.
    /// </summary>
    public const string BenefitReviewsAfterClosure = "3";

    /// <summary>The version new instances start on.</summary>
    public const string Current = BenefitReviewsAfterClosure;
}

/// <summary>Event names and instance ids of the lifecycle.</summary>
public static class LifecycleEvents
{
    public const string BusinessCaseSubmitted = "BusinessCaseSubmitted";
    public const string Withdrawn = "Withdrawn";

    /// <summary>One lifecycle per project; its id is derived from the project id, so starting it twice finds the first.</summary>
    public static string InstanceIdFor(string projectId) => $"lifecycle-{projectId}";
}
