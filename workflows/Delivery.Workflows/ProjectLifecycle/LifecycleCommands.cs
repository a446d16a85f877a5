using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>What people do to a project's lifecycle from outside it: start it, submit the business case, withdraw.</summary>
/// <remarks>The durable client is passed in by the caller: in Azure it comes from the function's <c>[DurableClient]</c> binding.</remarks>
public sealed class LifecycleCommands(
    ProjectRepository projects, BusinessCaseRepository cases, ApprovalStepRepository steps, AuditLog audit, TimeProvider clock)
{
    /// <summary>Starts the project's lifecycle unless it has been started already (safe to call on every retry).</summary>
    public async Task StartAsync(DurableTaskClient client, string projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = LifecycleEvents.InstanceIdFor(projectId);
        if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ProjectLifecycleOrchestrator), new LifecycleInput(projectId), new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // A concurrent retry started it first; anything else is a real failure.
            if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is null)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Records a submitted version (its content already stored at <paramref name="blob"/>) and tells the lifecycle.
    /// Refused unless the project is waiting for its business case.
    /// </summary>
    public async Task<CommandResult> SubmitBusinessCaseAsync(DurableTaskClient client, string projectId, string userId, BusinessCaseContent content, string blob, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(content);
        var project = await projects.GetAsync(projectId, cancellationToken);
        var current = await cases.GetAsync(projectId, cancellationToken);
        if (project is null || current is null)
        {
            return new CommandResult(CommandStatus.NotFound, "There is no such project, or its business case has not been opened yet.");
        }

        if (project.Stage != ProjectStage.BusinessCase || current.CurrentKind is not { } kind || current.Versions.Count + 1 != version)
        {
            return new CommandResult(CommandStatus.Conflict, "The business case cannot be submitted now: it is not waiting for one, or another submission got there first.");
        }

        var now = clock.GetUtcNow();
        var submitted = new SubmittedVersion(version, kind, blob, now, userId, content.TotalCost, content.Management?.Milestones ?? []);
        if (await cases.TryReplaceAsync(current with { Versions = [.. current.Versions, submitted], Status = BusinessCaseStatus.Submitted }, cancellationToken) is null)
        {
            return new CommandResult(CommandStatus.Conflict, "The business case changed while it was being submitted. Try again.");
        }

        await audit.AppendAsync($"{projectId}:business-case:v{version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = projectId,
            At = now,
            Actor = userId,
            Action = AuditAction.BusinessCaseSubmitted,
            Summary = $"{kind.Title()} version {version} submitted",
            Subject = $"v{version}",
        }, CancellationToken.None);
        await client.RaiseEventAsync(
            LifecycleEvents.InstanceIdFor(projectId), LifecycleEvents.BusinessCaseSubmitted, new BusinessCaseSubmission(version, kind, submitted.TotalCost, submitted.Milestones), CancellationToken.None);
        return new CommandResult(CommandStatus.Recorded, $"{kind.Title()} version {version} submitted.");
    }

    /// <summary>The requester withdraws the project: open approval steps close, and the lifecycle ends as Withdrawn.</summary>
    public async Task<CommandResult> WithdrawAsync(DurableTaskClient client, string projectId, string userId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var project = await projects.GetAsync(projectId, cancellationToken);
        if (project is null)
        {
            return new CommandResult(CommandStatus.NotFound, "There is no such project.");
        }

        if (!string.Equals(project.SubmittedBy, userId, StringComparison.OrdinalIgnoreCase))
        {
            return new CommandResult(CommandStatus.Forbidden, "Only the requester can withdraw this project.");
        }

        if (project.Stage is not (ProjectStage.Request or ProjectStage.BusinessCase or ProjectStage.Approval))
        {
            return new CommandResult(CommandStatus.Conflict, $"A project in {project.Stage} cannot be withdrawn here.");
        }

        var now = clock.GetUtcNow();
        var withdrawal = new StepDecision(string.Empty, ApprovalOutcome.Withdrawn, userId, null, reason, now);
        foreach (var step in (await steps.ListAsync(projectId, cancellationToken)).Where(s => s.Status == StepStatus.Pending))
        {
            var closed = await steps.UpdateAsync(
                step.Id, s => s.Status == StepStatus.Pending ? s with { Status = StepStatus.Closed, Decision = withdrawal with { StepId = s.Id } } : null, cancellationToken);
            if (closed?.Decision?.Outcome == ApprovalOutcome.Withdrawn)
            {
                await client.RaiseEventAsync(step.InstanceId, ApprovalEvents.StepSignal, new StepSignal(StepSignalKind.Withdrawn), CancellationToken.None);
            }
        }

        await audit.AppendAsync($"{projectId}:withdrawn", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = projectId,
            At = now,
            Actor = userId,
            Action = AuditAction.Withdrawn,
            Summary = "Project withdrawn by the requester",
            Comment = reason,
        }, CancellationToken.None);
        await client.RaiseEventAsync(LifecycleEvents.InstanceIdFor(projectId), LifecycleEvents.Withdrawn, new Withdrawal(userId, now), CancellationToken.None);
        return new CommandResult(CommandStatus.Recorded, "The project is withdrawn.");
    }
}
