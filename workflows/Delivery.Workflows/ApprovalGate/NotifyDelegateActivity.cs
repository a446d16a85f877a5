using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>Sends the step's delegate their own decision link (once per delegate).</summary>
public sealed class NotifyDelegateActivity(ApprovalStepRepository steps, StepLinkSender links) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        var step = await steps.GetAsync(input, CancellationToken.None);
        if (step is not { Status: StepStatus.Pending, Delegate: { } delegatePerson })
        {
            return false;
        }

        await links.SendAsync(step, delegatePerson, "delegated", ApprovalRequestEmail.Build, CancellationToken.None);
        return true;
    }
}
