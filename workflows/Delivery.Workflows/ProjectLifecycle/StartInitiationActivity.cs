using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>
/// Moves an approved project to Initiation: assigns the project manager, records the baseline (approved budget,
/// milestones, tolerances: category defaults from settings, as adjusted by the final approver) and tells the
/// requester, sponsor and project manager. Returns what the project now waits for, the manager by id.
/// </summary>
public sealed class StartInitiationActivity(
    ProjectRepository projects, Monitoring.ControlsView controls, AuditLog audit, EmailOutbox outbox, ApprovalPolicy approvals, LifecyclePolicy policy, WorkflowEnvironment environment, TimeProvider clock)
    : TaskActivity<InitiationStart, Wait>
{
    public override async Task<Wait> RunAsync(TaskActivityContext context, InitiationStart input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var adjustments = input.FinalDecision.Adjustments;
        var manager = approvals.Find(adjustments?.ProjectManagerId)
            ?? approvals.People.FirstOrDefault(p => p.Roles.Contains(policy.ProjectManagerRole, StringComparer.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Nobody holds the {policy.ProjectManagerRole} role in Approvals__People.");
        var pm = new Person(manager.Name, manager.Email);
        var wait = new Wait("Project initiation document", [new WaitingOn(manager.Id, string.Empty)]);
        var waitingFor = wait.Describe(_ => manager.Name);
        var now = clock.GetUtcNow();
        var before = (await projects.GetAsync(input.ProjectId, CancellationToken.None))?.Stage;
        var project = await projects.UpdateAsync(input.ProjectId, p => p.Baseline is not null ? null : p with
        {
            Stage = ProjectStage.Initiation,
            WaitingFor = waitingFor,
            StageChangedAt = now,
            ProjectManager = pm,
            Baseline = new ProjectBaseline(
                input.ApprovedBudget,
                input.Milestones,
                adjustments?.Tolerances ?? policy.Tolerances.GetValueOrDefault(p.Request.Category) ?? new Tolerances(10, 10m, "As approved", "As approved", 12, 10m),
                input.FinalDecision.DecidedAt,
                input.FinalDecision.DecidedBy),
        }, CancellationToken.None) ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");

        await audit.AppendAsync(input.AuditKey, new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = now,
            Actor = AuditEntry.System,
            Action = AuditAction.StageChanged,
            Summary = $"Stage changed from {before} to {ProjectStage.Initiation}; {manager.Name} assigned as project manager; baseline budget {UkFormat.Money(input.ApprovedBudget)}",
            Subject = nameof(ProjectStage.Initiation),
        }, CancellationToken.None);

        // From approval the tolerance monitor watches it.
        await controls.RefreshAsync(project, CancellationToken.None);

        var recipients = new[] { project.Request.Requester, project.Request.Sponsor, project.ProjectManager ?? pm }
            .DistinctBy(p => p.Email.ToUpperInvariant());
        foreach (var to in recipients)
        {
            var message = ProjectApprovedEmail.Build(project, to, project.ProjectManager ?? pm, project.Baseline!.ApprovedBudget, environment.PublicBaseUrl);
            await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:approved:{to.Email}", message, CancellationToken.None);
        }

        return wait;
    }
}
