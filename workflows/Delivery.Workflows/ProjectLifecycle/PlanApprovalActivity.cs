using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Routes a business case by its total cost through the scheme of delegation in settings.</summary>
/// <remarks>An activity, not orchestrator code, so the route is recorded in history and replays never re-read settings.</remarks>
public sealed class PlanApprovalActivity(ApprovalPolicy policy) : TaskActivity<PlanApproval, ApprovalPlan>
{
    public override Task<ApprovalPlan> RunAsync(TaskActivityContext context, PlanApproval input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(new ApprovalPlan(ApprovalRouter.Route(policy, input.TotalCost), policy.Timing));
    }
}
