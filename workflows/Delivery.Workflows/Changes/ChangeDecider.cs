using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Changes;

/// <summary>
/// Carries out a decided change, however it was decided: an approved one re-baselines the project (budget plus its
/// cost, its milestone dates, the decider's tolerances if any, and the change budget it uses), and every decision is
/// audited and emailed to the project manager. Once only under the change's gate id, so a retry changes nothing more.
/// </summary>
public sealed class ChangeDecider(ProjectRepository projects, Rebaseliner rebaseliner, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment, TimeProvider clock)
{
    public async Task ApplyAsync(ChangeSubmitted submitted, ChangeRequest change, StepDecision deciding)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(deciding);
        var decision = change.Decision ?? throw new InvalidOperationException($"Change {change.ChangeId} is not decided.");
        var project = decision.Outcome == ApprovalOutcome.Approved
            ? await rebaseliner.ApplyAsync(
                submitted.ProjectId,
                submitted.GateId,
                old => old.ApprovedBudget + change.CostImpact,
                change.Milestones,
                deciding.Adjustments?.Tolerances,
                ChangeDelegation.BudgetUsed(change),
                deciding,
                waitingFor: null)
            : await projects.GetAsync(submitted.ProjectId, CancellationToken.None);
        if (project is null)
        {
            throw new InvalidOperationException($"Project {submitted.ProjectId} does not exist.");
        }

        var what = (decision.Outcome, decision.Automatic) switch
        {
            (ApprovalOutcome.Approved, true) => "approved automatically within the project manager's delegated tolerance; the project is re-baselined",
            (ApprovalOutcome.Approved, _) => "approved by the board; the project is re-baselined",
            (ApprovalOutcome.ChangesRequested, _) => "more information asked for",
            _ => "rejected",
        };
        await audit.AppendAsync($"{submitted.ProjectId}~{submitted.GateId}~decided", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = submitted.ProjectId,
            At = clock.GetUtcNow(),
            Actor = deciding.DecidedBy,
            OnBehalfOf = deciding.OnBehalfOf,
            Action = AuditAction.ChangeDecided,
            Summary = $"Change {change.ChangeId} (version {change.Version}): {what}. {change.Assessment?.Reason}",
            Subject = change.ChangeId,
        }, CancellationToken.None);

        if (project.ProjectManager is { } pm)
        {
            await outbox.SendOnceAsync(
                submitted.ProjectId,
                $"{submitted.ProjectId}:{submitted.GateId}:decided:{pm.Email}",
                ChangeDecisionEmail.Build(project, pm, change, environment.PublicBaseUrl),
                CancellationToken.None);
        }
    }
}
