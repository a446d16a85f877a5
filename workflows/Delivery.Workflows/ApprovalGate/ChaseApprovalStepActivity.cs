using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// Reminds the approver (and their delegate), or escalates to their escalation contact, unless the step was decided
/// meanwhile; then it returns that decision so the step can end.
/// </summary>
public sealed class ChaseApprovalStepActivity(ApprovalStepRepository steps, AuditLog audit, StepLinkSender links, TimeProvider clock)
    : TaskActivity<ChaseApprovalStep, StepDecision?>
{
    public override async Task<StepDecision?> RunAsync(TaskActivityContext context, ChaseApprovalStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = await steps.GetAsync(input.StepId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Step {input.StepId} does not exist.");
        if (step.Status != StepStatus.Pending)
        {
            return step.Decision?.ForWorkflow();
        }

        if (input.Kind == ChaseKind.Reminder)
        {
            foreach (var person in new[] { step.Approver, step.Delegate }.OfType<ApprovalPerson>())
            {
                await links.SendAsync(step, person, "reminder", (p, s, to, link, _) => ApprovalReminderEmail.Build(p, s, to, link, input.WorkingDays), CancellationToken.None);
            }

            await AppendAsync(step, "reminded", AuditAction.Reminded, $"{step.Approver.Name} reminded after {input.WorkingDays} working days");
            return null;
        }

        if (step.EscalationContact is { } contact)
        {
            step = await steps.UpdateAsync(step.Id, s => s.EscalatedTo is null ? s with { EscalatedTo = contact } : null, CancellationToken.None) ?? step;
            await links.SendAsync(step, contact, "escalation", (p, s, to, link, _) => ApprovalEscalationEmail.Build(p, s, to, link, input.WorkingDays), CancellationToken.None);
            await AppendAsync(step, "escalated", AuditAction.Escalated, $"Escalated to {contact.Name} after {input.WorkingDays} working days without a decision from {step.Approver.Name}");
        }

        return null;
    }

    private Task<bool> AppendAsync(ApprovalStepDocument step, string what, AuditAction action, string summary) =>
        audit.AppendAsync($"{step.Id}:{what}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = step.ProjectId,
            At = clock.GetUtcNow(),
            Actor = AuditEntry.System,
            Action = action,
            Summary = summary,
            Subject = step.Id,
        }, CancellationToken.None);
}
