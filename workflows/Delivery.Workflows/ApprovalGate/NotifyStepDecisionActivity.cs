using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>Tells the requester a step was approved and the gate goes on (once per step).</summary>
public sealed class NotifyStepDecisionActivity(ApprovalStepRepository steps, ProjectRepository projects, EmailOutbox outbox) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        var step = await steps.GetAsync(input, CancellationToken.None);
        var project = step is null ? null : await projects.GetAsync(step.ProjectId, CancellationToken.None);
        if (step?.Decision is not { } decision || project is null)
        {
            return false;
        }

        var decider = new[] { step.Approver, step.Delegate, step.EscalatedTo }.OfType<ApprovalPerson>()
            .FirstOrDefault(p => string.Equals(p.Id, decision.DecidedBy, StringComparison.OrdinalIgnoreCase))?.Name ?? step.Approver.Name;
        var message = StepDecisionEmail.Build(project, step, decider);
        return await outbox.SendOnceAsync(project.ProjectId, $"{step.Id}:decision:{message.To.Address}", message, CancellationToken.None);
    }
}
