using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// What a gate decides: the project, a gate id unique within it (e.g. <c>bjc-v2</c>), what is being approved,
/// the route and the timings, and the project stage to show while it waits (null leaves the stage alone).
/// </summary>
public sealed record ApprovalGateInput(string ProjectId, string GateId, string Subject, ApprovalRoute Route, ApprovalTiming Timing, ProjectStage? Stage);

/// <summary>How a gate ended, with every decision taken in it (cancelled parallel steps included).</summary>
public sealed record ApprovalGateResult(ApprovalOutcome Outcome, IReadOnlyList<StepDecision> Decisions)
{
    /// <summary>
    /// The decision that settled the gate: the first that was not an approval, else the last approval by the time it
    /// was made (parallel steps can finish in another order than their approvers decided; equal times keep the order
    /// the steps finished in).
    /// </summary>
    /// <summary>
    /// The three outcomes a control gate (exception, change, stage gate, closure) carries out: approved, changes asked
    /// for, rejected; false for any other end (withdrawn, cancelled), which changes nothing.
    /// </summary>
    public bool TryDecision([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StepDecision? deciding)
    {
        deciding = Outcome is ApprovalOutcome.Approved or ApprovalOutcome.ChangesRequested or ApprovalOutcome.Rejected ? Deciding : null;
        return deciding is not null;
    }

    public StepDecision? Deciding =>
        Decisions.FirstOrDefault(d => d.Outcome is not (ApprovalOutcome.Approved or ApprovalOutcome.Cancelled))
        ?? Decisions.Where(d => d.Outcome == ApprovalOutcome.Approved).OrderBy(d => d.DecidedAt).LastOrDefault();
}

/// <summary>One step's orchestration input; <see cref="RouteNote"/> is the route's note for the approver (e.g. re-routed and why).</summary>
public sealed record ApprovalStepInput(string ProjectId, string GateId, string Subject, ApprovalStepPlan Step, ApprovalTiming Timing, bool IsFinal, string? RouteNote = null)
{
    public string StepId => ApprovalStepDocument.IdFor(ProjectId, GateId, Step.Key);
}

/// <summary>The custom status of a gate: which round it is in and whom it waits for (sign-in ids).</summary>
public sealed record ApprovalGateStatus(int Round, int Rounds, IReadOnlyList<string> WaitingFor);

/// <summary>Output of <see cref="OpenApprovalStepActivity"/>: when the step was requested and when it is chased.</summary>
public sealed record StepOpened(DateTimeOffset RequestedAt, DateTimeOffset ReminderDue, DateTimeOffset EscalationDue);

/// <summary>
/// Sent by a gate that shows the project stage to the orchestration that started it, at the start of each round, so
/// that the parent's custom status says the same as the project document (<see cref="WaitingFor"/>).
/// </summary>
public sealed record ApprovalGateProgress(string GateId, Wait WaitingFor)
{
    public const string EventName = "ApprovalGateProgress";
}

/// <summary>Which chase is due on a step.</summary>
public enum ChaseKind
{
    Reminder,
    Escalation,
}

/// <summary>Input of <see cref="ChaseApprovalStepActivity"/>.</summary>
public sealed record ChaseApprovalStep(string StepId, ChaseKind Kind, int WorkingDays);

/// <summary>Input of <see cref="OpenApprovalStepActivity"/>: the step and the orchestration that waits for it.</summary>
public sealed record OpenApprovalStep(string InstanceId, ApprovalStepInput Step);

/// <summary>The ids of the gate's instances, derived so that they never collide and can be found again.</summary>
public static class ApprovalGateIds
{
    public static string Gate(string parentInstanceId, string gateId) => $"{parentInstanceId}:{gateId}";

    public static string Step(string gateInstanceId, string stepKey) => $"{gateInstanceId}:{stepKey}";
}
