using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>
/// Records a business case gate's outcome on the business case and tells the requester when it was returned for
/// changes or rejected (once per gate and recipient). Approval emails go out with initiation.
/// </summary>
public sealed class RecordGateOutcomeActivity(
    BusinessCaseRepository cases, ProjectRepository projects, ApprovalStepRepository steps, EmailOutbox outbox, WorkflowEnvironment environment)
    : TaskActivity<GateOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, GateOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = input.Result.Outcome;
        await cases.UpdateAsync(input.ProjectId, c => outcome switch
        {
            ApprovalOutcome.Approved when !c.ApprovedKinds.Contains(input.Kind) =>
                c with { ApprovedKinds = [.. c.ApprovedKinds, input.Kind], Status = c.Kinds.Count == c.ApprovedKinds.Count + 1 ? BusinessCaseStatus.Approved : BusinessCaseStatus.NotStarted },
            ApprovalOutcome.ChangesRequested when c.Status == BusinessCaseStatus.Submitted => c with { Status = BusinessCaseStatus.ChangesRequested },
            ApprovalOutcome.Rejected when c.Status == BusinessCaseStatus.Submitted => c with { Status = BusinessCaseStatus.Rejected },
            ApprovalOutcome.Withdrawn when c.Status != BusinessCaseStatus.Withdrawn => c with { Status = BusinessCaseStatus.Withdrawn },
            _ => null,
        }, CancellationToken.None);

        if (outcome is not (ApprovalOutcome.ChangesRequested or ApprovalOutcome.Rejected) || input.Result.Deciding is not { } decision)
        {
            return false;
        }

        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var step = await steps.GetAsync(decision.StepId, CancellationToken.None);
        // The comment is read from the step document: workflows carry decisions without their free text.
        var comment = step?.Decision?.Comment ?? string.Empty;
        var decider = new[] { step?.Approver, step?.Delegate, step?.EscalatedTo }.OfType<ApprovalPerson>()
            .FirstOrDefault(p => string.Equals(p.Id, decision.DecidedBy, StringComparison.OrdinalIgnoreCase))?.Name ?? "An approver";
        var message = outcome == ApprovalOutcome.Rejected
            ? ProjectRejectedEmail.Build(project, input.Subject, decider, comment)
            : ChangesRequestedEmail.Build(project, input.Subject, decider, comment, environment.PublicBaseUrl);
        return await outbox.SendOnceAsync(project.ProjectId, $"{decision.StepId}:{message.Category}:{message.To.Address}", message, CancellationToken.None);
    }
}
