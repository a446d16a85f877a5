namespace Delivery.Workflows.Approvals;

/// <summary>External event names of the approval workflows (one place, so senders and waiters cannot drift).</summary>
public static class ApprovalEvents
{
    /// <summary>Raised on a step orchestration: a decision, a delegation, a withdrawal or a cancellation.</summary>
    public const string StepSignal = "ApprovalStepSignal";
}

/// <summary>
/// What happened to a step, raised on its orchestration. The decision it carries has no comment (free text stays on
/// the step document); the delegate is on the document too.
/// </summary>
public sealed record StepSignal(StepSignalKind Kind, StepDecision? Decision = null);

/// <summary>The kinds of <see cref="StepSignal"/>.</summary>
public enum StepSignalKind
{
    Decided,
    Delegated,
    Withdrawn,
    Cancel,
}
