using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// Closes a step that ends without its own decision (withdrawn, or cancelled because a parallel step settled the
/// gate). If a decision won the race to the document, that decision stands and is returned.
/// </summary>
public sealed class CloseApprovalStepActivity(ApprovalStepRepository steps, TimeProvider clock) : TaskActivity<CloseApprovalStep, StepDecision>
{
    public override async Task<StepDecision> RunAsync(TaskActivityContext context, CloseApprovalStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var closing = new StepDecision(input.StepId, input.Outcome, Audit.AuditEntry.System, null, null, clock.GetUtcNow());
        var step = await steps.UpdateAsync(
            input.StepId, s => s.Status == StepStatus.Pending ? s with { Status = StepStatus.Closed, Decision = closing } : null, CancellationToken.None);
        return (step?.Decision ?? closing).ForWorkflow();
    }
}
