using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Starts a project's lifecycle.</summary>
public sealed record LifecycleInput(string ProjectId);

/// <summary>How far the lifecycle went: Initiation when approved, else Rejected or Withdrawn.</summary>
public sealed record LifecycleOutcome(ProjectStage Stage);

/// <summary>The lifecycle's custom status, the same stage and wait the project document shows.</summary>
public sealed record LifecycleStatus(ProjectStage Stage, string WaitingFor);

/// <summary>The business cases a project needs, decided once at the start from its estimated cost.</summary>
public sealed record LifecyclePlan(IReadOnlyList<BusinessCaseKind> Kinds);

/// <summary>Raised on the lifecycle when the requester submits (or resubmits) the business case.</summary>
public sealed record BusinessCaseSubmission(int Version, BusinessCaseKind Kind, decimal TotalCost, IReadOnlyList<Milestone> Milestones);

/// <summary>Raised on the lifecycle when the requester withdraws the project.</summary>
public sealed record Withdrawal(string WithdrawnBy, DateTimeOffset At);

/// <summary>Input of <see cref="SetProjectStageActivity"/>; <c>AuditKey</c> makes its audit entry once-only.</summary>
public sealed record StageChange(string ProjectId, ProjectStage Stage, string WaitingFor, string AuditKey);

/// <summary>Input of <see cref="PlanApprovalActivity"/>.</summary>
public sealed record PlanApproval(string ProjectId, decimal TotalCost);

/// <summary>Output of <see cref="PlanApprovalActivity"/>: the route and the timings, fixed for this gate.</summary>
public sealed record ApprovalPlan(ApprovalRoute Route, ApprovalTiming Timing);

/// <summary>Input of <see cref="RecordGateOutcomeActivity"/>.</summary>
public sealed record GateOutcome(string ProjectId, BusinessCaseKind Kind, string Subject, ApprovalGateResult Result);

/// <summary>Input of <see cref="StartInitiationActivity"/>: the final approval and the approved figures.</summary>
public sealed record InitiationStart(string ProjectId, StepDecision FinalDecision, decimal ApprovedBudget, IReadOnlyList<Milestone> Milestones, string AuditKey);

/// <summary>Event names and instance ids of the lifecycle.</summary>
public static class LifecycleEvents
{
    public const string BusinessCaseSubmitted = "BusinessCaseSubmitted";
    public const string Withdrawn = "Withdrawn";

    /// <summary>One lifecycle per project; its id is derived from the project id, so starting it twice finds the first.</summary>
    public static string InstanceIdFor(string projectId) => $"lifecycle-{projectId}";
}
