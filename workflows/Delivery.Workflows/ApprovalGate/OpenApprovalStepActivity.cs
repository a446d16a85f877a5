using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// Creates the step document (the approver and escalation contact looked up from the scheme of delegation by id),
/// records the request in the audit, emails the approver their link, and says when the step is chased.
/// </summary>
/// <remarks>
/// Idempotent: the step id is deterministic, the audit entry is keyed by step, the email by (step, recipient). The
/// due dates come from the stored request time, so a retry returns the same dates.
/// </remarks>
public sealed class OpenApprovalStepActivity(
    ApprovalStepRepository steps, AuditLog audit, StepLinkSender links, ApprovalPolicy policy, ApprovalDeadlines deadlines, TimeProvider clock)
    : TaskActivity<OpenApprovalStep, StepOpened>
{
    public override async Task<StepOpened> RunAsync(TaskActivityContext context, OpenApprovalStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Step;
        var approver = policy.Find(plan.Step.ApproverId)
            ?? throw new InvalidOperationException($"Approver {plan.Step.ApproverId} of step {plan.StepId} is not in the scheme of delegation.");
        var step = await steps.CreateOrGetAsync(
            new ApprovalStepDocument
            {
                Id = plan.StepId,
                ProjectId = plan.ProjectId,
                GateId = plan.GateId,
                InstanceId = input.InstanceId,
                Subject = plan.Subject,
                Label = plan.Step.Label,
                Role = plan.Step.Role,
                RouteNote = plan.RouteNote,
                Approver = approver.ToPerson(),
                EscalationContact = policy.Find(plan.Step.EscalationContactId)?.ToPerson(),
                IsFinal = plan.IsFinal,
                RequestedAt = clock.GetUtcNow(),
            },
            CancellationToken.None);
        await audit.AppendAsync($"{step.Id}:requested", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = step.ProjectId,
            At = step.RequestedAt,
            Actor = AuditEntry.System,
            Action = AuditAction.ApprovalRequested,
            Summary = $"Approval of the {step.Subject} requested from {step.Approver.Name} ({step.Label.ToLowerInvariant()})",
            Subject = step.Id,
        }, CancellationToken.None);
        if (step.Status == StepStatus.Pending)
        {
            await links.SendAsync(step, step.Approver, "request", ApprovalRequestEmail.Build, CancellationToken.None);
        }

        var timing = plan.Timing;
        return new StepOpened(
            step.RequestedAt,
            deadlines.DueAfter(step.RequestedAt, timing.ReminderAfterWorkingDays, timing.BankHolidays),
            deadlines.DueAfter(step.RequestedAt, timing.EscalateAfterWorkingDays, timing.BankHolidays));
    }
}
