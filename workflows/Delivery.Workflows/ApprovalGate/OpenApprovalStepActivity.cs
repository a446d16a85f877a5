using Delivery.Durable;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>Creates the step document, records the request in the audit and emails the approver their link.</summary>
/// <remarks>Idempotent: the step id is deterministic, the audit entry is keyed by step, the email by (step, recipient).</remarks>
public sealed class OpenApprovalStepActivity(ApprovalStepRepository steps, AuditLog audit, StepLinkSender links, TimeProvider clock)
    : TaskActivity<OpenApprovalStep, DateTimeOffset>
{
    public override async Task<DateTimeOffset> RunAsync(TaskActivityContext context, OpenApprovalStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Step;
        var step = await steps.CreateOrGetAsync(
            new ApprovalStepDocument
            {
                Id = plan.StepId,
                ProjectId = plan.ProjectId,
                GateId = plan.GateId,
                InstanceId = input.InstanceId,
                Subject = plan.Subject,
                Label = plan.Step.Label,
                Approver = plan.Step.Approver,
                EscalationContact = plan.Step.EscalationContact,
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

        return step.RequestedAt;
    }
}
