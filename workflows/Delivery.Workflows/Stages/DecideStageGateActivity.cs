using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Stages;

/// <summary>
/// Records a stage gate's decision and carries it out: approved, the stage is completed and the next one current
/// (the end of initiation moves the project into Delivery); more information, the project manager sends the report
/// again; refused, the stage goes on and the project waits for a new report. Audited, and the project manager
/// emailed. Each step is once only, so a retried activity changes nothing more.
/// </summary>
public sealed class DecideStageGateActivity(
    StageRepository stages, ProjectRepository projects, ControlsView controls, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment, TimeProvider clock)
    : TaskActivity<StageGateOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StageGateOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sent = input.Report;
        if (!input.Result.TryDecision(out var deciding))
        {
            return false;
        }

        var outcome = input.Result.Outcome;
        var status = outcome switch
        {
            ApprovalOutcome.Approved => EndStageStatus.Approved,
            ApprovalOutcome.ChangesRequested => EndStageStatus.MoreInformationRequested,
            _ => EndStageStatus.Refused,
        };
        var report = await stages.UpdateReportAsync(sent.ProjectId, sent.StageId, r => r.Version == sent.Version && r.Status == EndStageStatus.AwaitingDecision
            ? r with { Status = status, Decision = new StageGateDecision(outcome, deciding.DecidedBy, deciding.DecidedAt) }
            : null, CancellationToken.None);
        if (report is null || report.Version != sent.Version || report.Status != status)
        {
            return false;
        }

        var next = await stages.GetAsync(sent.ProjectId, report.NextStageId, CancellationToken.None);
        var project = outcome == ApprovalOutcome.Approved
            ? await StartNextStageAsync(report, next, deciding)
            : await projects.UpdateAsync(sent.ProjectId, p => p with
            {
                WaitingFor = outcome == ApprovalOutcome.ChangesRequested
                    ? $"More information for the end stage report of {report.StageName} from {p.ProjectManager?.Name}"
                    : $"A new end stage report for {report.StageName}: the stage gate refused the next stage",
            }, CancellationToken.None);
        project ??= await projects.GetAsync(sent.ProjectId, CancellationToken.None) ?? throw new InvalidOperationException($"Project {sent.ProjectId} does not exist.");

        var what = outcome switch
        {
            ApprovalOutcome.Approved => $"approved: {report.StageName} is complete and {next?.Name ?? report.NextStageId} starts",
            ApprovalOutcome.ChangesRequested => "more information asked for",
            _ => $"refused: {report.StageName} goes on until a new report is approved",
        };
        await audit.AppendAsync($"{sent.ProjectId}~{sent.GateId}~decided", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = sent.ProjectId,
            At = clock.GetUtcNow(),
            Actor = deciding.DecidedBy,
            OnBehalfOf = deciding.OnBehalfOf,
            Action = AuditAction.StageGateDecided,
            Summary = $"Stage gate for the end of {report.StageName} (version {report.Version}): {what}",
            Subject = report.StageId,
        }, CancellationToken.None);

        if (project.ProjectManager is { } pm)
        {
            await outbox.SendOnceAsync(
                sent.ProjectId,
                $"{sent.ProjectId}:{sent.GateId}:decided:{pm.Email}",
                StageGateDecisionEmail.Build(project, pm, report, next?.Name, environment.PublicBaseUrl),
                CancellationToken.None);
        }

        return true;
    }

    /// <summary>The ending stage completed, the next one current, the project in Delivery: each once only.</summary>
    private async Task<ProjectDocument?> StartNextStageAsync(EndStageReport report, DeliveryStage? next, StepDecision deciding)
    {
        if (report.StageId != DeliveryStage.Initiation)
        {
            await stages.UpdateAsync(report.ProjectId, report.StageId, s => s.Status == StageStatus.Current
                ? s with { Status = StageStatus.Completed, EndedAt = deciding.DecidedAt, UpdatedBy = deciding.DecidedBy, UpdatedAt = deciding.DecidedAt }
                : null, CancellationToken.None);
        }

        await stages.UpdateAsync(report.ProjectId, report.NextStageId, s => s.Status == StageStatus.Planned
            ? s with { Status = StageStatus.Current, StartedAt = deciding.DecidedAt, UpdatedBy = deciding.DecidedBy, UpdatedAt = deciding.DecidedAt }
            : null, CancellationToken.None);
        var waitingFor = $"Delivery: {next?.Name ?? report.NextStageId}" + (next is null ? string.Empty : $", to end {UkFormat.Date(next.PlannedEnd)}");
        var project = await projects.UpdateAsync(report.ProjectId, p => p.WaitingFor == waitingFor ? null : p with
        {
            Stage = ProjectStage.Delivery,
            StageChangedAt = p.Stage == ProjectStage.Delivery ? p.StageChangedAt : deciding.DecidedAt,
            WaitingFor = waitingFor,
        }, CancellationToken.None) ?? await projects.GetAsync(report.ProjectId, CancellationToken.None);
        if (project is not null)
        {
            // The monitor's figures carry the stage: refreshed (on a retry too) so the next sweep and the pages see Delivery.
            await controls.RefreshAsync(project, CancellationToken.None);
        }

        return project;
    }
}
