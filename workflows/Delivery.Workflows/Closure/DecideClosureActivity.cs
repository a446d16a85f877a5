using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Closure;

/// <summary>
/// Records the sponsor's decision on a closure request and carries it out: approved, each open risk and issue passes
/// to its new owner and the project is Closed; changes asked for or rejected, the project manager sends a new request.
/// Audited and the project manager emailed. Each step is once only, so a retried activity changes nothing more.
/// </summary>
public sealed class DecideClosureActivity(
    ClosureRepository closures, ProjectRepository projects, RaidRepository raid, ControlsView controls, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment)
    : TaskActivity<ClosureGateOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ClosureGateOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sent = input.Request;
        if (!input.Result.TryDecision(out var deciding))
        {
            return false;
        }

        var outcome = input.Result.Outcome;
        var status = outcome switch
        {
            ApprovalOutcome.Approved => ClosureStatus.Approved,
            ApprovalOutcome.ChangesRequested => ClosureStatus.ChangesRequested,
            _ => ClosureStatus.Rejected,
        };
        var closure = await closures.UpdateAsync(sent.ProjectId, c => c.Version == sent.Version && c.Status == ClosureStatus.AwaitingDecision
            ? c with { Status = status, Decision = new ClosureDecision(outcome, deciding.DecidedBy, deciding.DecidedAt) }
            : null, CancellationToken.None);
        if (closure is null || closure.Version != sent.Version || closure.Status != status)
        {
            return false;
        }

        // The decision is audited before it is carried out, so the trail has it whatever happens next.
        await audit.AppendAsync($"{sent.ProjectId}~{sent.GateId}~decided", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = sent.ProjectId,
            At = deciding.DecidedAt,
            Actor = deciding.DecidedBy,
            OnBehalfOf = deciding.OnBehalfOf,
            Action = AuditAction.ClosureDecided,
            Summary = outcome == ApprovalOutcome.Approved
                ? $"Closure approved (version {closure.Version}): the project is Closed; {closure.Handover.Count} open risk(s) and issue(s) handed on"
                : $"Closure {(outcome == ApprovalOutcome.Rejected ? "rejected" : "sent back for changes")} (version {closure.Version})",
        }, CancellationToken.None);

        var project = outcome == ApprovalOutcome.Approved
            ? await CloseAsync(closure, deciding)
            : await projects.UpdateAsync(sent.ProjectId, p => p with
            {
                WaitingFor = $"A new closure request from {p.ProjectManager?.Name}: the sponsor {(outcome == ApprovalOutcome.Rejected ? "rejected" : "asked for changes to")} version {closure.Version}",
            }, CancellationToken.None);
        project ??= await projects.GetAsync(sent.ProjectId, CancellationToken.None) ?? throw new InvalidOperationException($"Project {sent.ProjectId} does not exist.");

        if (project.ProjectManager is { } pm)
        {
            await outbox.SendOnceAsync(sent.ProjectId, $"{sent.ProjectId}:{sent.GateId}:decided:{pm.Email}", ClosureDecisionEmail.Build(project, pm, closure, environment.PublicBaseUrl), CancellationToken.None);
        }

        return true;
    }

    /// <summary>Open risks and issues to their new owners (a new version each, once), then the project Closed.</summary>
    private async Task<ProjectDocument?> CloseAsync(ClosureRequest closure, StepDecision deciding)
    {
        foreach (var handover in closure.Handover)
        {
            if (await raid.GetAsync(closure.ProjectId, handover.ItemId, CancellationToken.None) is { } item && item.OwnerId != handover.NewOwnerId)
            {
                await raid.SaveAsync(item with { OwnerId = handover.NewOwnerId }, deciding.DecidedBy, deciding.DecidedAt, CancellationToken.None);
            }
        }

        var project = await projects.UpdateAsync(closure.ProjectId, p => p.Stage == ProjectStage.Closed ? null : p with
        {
            Stage = ProjectStage.Closed,
            StageChangedAt = deciding.DecidedAt,
            WaitingFor = $"Closed on {UkFormat.Date(deciding.DecidedAt)}: benefits reviews follow",
        }, CancellationToken.None) ?? await projects.GetAsync(closure.ProjectId, CancellationToken.None);
        if (project is not null)
        {
            // The monitor stops watching it and the manager's highlight report task goes, on a retry too.
            await controls.RefreshAsync(project, CancellationToken.None);
        }

        return project;
    }
}
