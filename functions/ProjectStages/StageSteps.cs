using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectStages;

/// <summary>How a stage step ended.</summary>
public enum StageStepOutcome
{
    /// <summary>Stored for the first time (a stage planned, a report version sent to the stage gate).</summary>
    Created,

    /// <summary>Changed, or the same thing sent again (a retry), which changes nothing.</summary>
    Stored,

    /// <summary>Bad fields, each named; nothing stored.</summary>
    Invalid,

    /// <summary>Not now: a completed stage's plan, a report the gate has not asked for again, not the current stage.</summary>
    Conflict,
}

/// <summary>What a stage step did: its outcome, what is stored, the errors by field or the conflict's reason.</summary>
public sealed record StageStepResult<T>(StageStepOutcome Outcome, T? Stored, Dictionary<string, string[]> Errors, string? Conflict = null);

/// <summary>
/// Stage boundaries, one set of rules for the API and the pages: the project manager plans a delivery stage (name,
/// planned end), and sends the current stage's end stage report (initiation first), with actual against plan taken
/// from the project's own records, to a stage gate decided by the level that set the tolerances. Sending the same
/// thing again (a retry) changes nothing; every change is audited once.
/// </summary>
public sealed class StageSteps(ProjectRepository projects, StageRepository stages, ControlsView controls, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project, or the API's refusal (404 not visible, 403 not its manager, 409 outside Initiation and Delivery).</summary>
    public Task<(ProjectDocument? Project, Microsoft.AspNetCore.Http.IResult? Refusal)> ForRecordingAsync(string id, ClaimsPrincipal user, string what, CancellationToken cancellationToken) =>
        ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, what, (string.Empty, _ => false), cancellationToken);

    /// <summary>The stage now running: initiation until the project is in Delivery, then the delivery stage marked current.</summary>
    public static (string Id, string Name)? CurrentStage(ProjectDocument project, IReadOnlyList<DeliveryStage> plan)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Stage == ProjectStage.Initiation
            ? (DeliveryStage.Initiation, "Initiation")
            : plan.FirstOrDefault(s => s.Status == StageStatus.Current) is { } running ? (running.StageId, running.Name) : null;
    }

    public async Task<StageStepResult<DeliveryStage>> PlanAsync(ProjectDocument project, string stageId, string userId, StageBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var errors = body.Check(project, stageId, ProjectRecordAccess.Today(now), limits);
        if (errors.Count > 0)
        {
            return new(StageStepOutcome.Invalid, null, errors);
        }

        var (name, end) = (body.Name!.Trim(), body.PlannedEnd!.Value);
        var planned = new DeliveryStage
        {
            Id = DeliveryStage.IdFor(stageId),
            ProjectId = project.ProjectId,
            StageId = stageId,
            Name = name,
            PlannedEnd = end,
            Status = StageStatus.Planned,
            UpdatedBy = userId,
            UpdatedAt = now,
        };
        var created = await stages.TryCreateAsync(planned, cancellationToken);
        var stored = created ? planned : await stages.UpdateAsync(project.ProjectId, stageId, s => s.Status == StageStatus.Completed || (s.Name == name && s.PlannedEnd == end)
            ? null
            : s with { Name = name, PlannedEnd = end, UpdatedBy = planned.UpdatedBy, UpdatedAt = now }, cancellationToken);
        if (stored is null || stored.Name != name || stored.PlannedEnd != end)
        {
            return new(StageStepOutcome.Conflict, stored, errors, $"Stage {stageId} is {stored?.Status}: a completed stage's plan stays as it was.");
        }

        await audit.AppendAsync($"{project.ProjectId}~stage~{stageId}~{stored.UpdatedAt.UtcTicks}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.UpdatedAt,
            Actor = stored.UpdatedBy,
            Action = AuditAction.StagePlanned,
            Summary = $"Stage {stageId} \"{stored.Name}\" planned to end {stored.PlannedEnd:yyyy-MM-dd} ({stored.Status})",
            Subject = stageId,
        }, cancellationToken);
        return new(created ? StageStepOutcome.Created : StageStepOutcome.Stored, stored, errors);
    }

    public async Task<StageStepResult<EndStageReport>> ReportAsync(
        ProjectDocument project, string stageId, string userId, EndStageBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var plan = await stages.ListAsync(project.ProjectId, cancellationToken);
        if (CurrentStage(project, plan) is not { } current || current.Id != stageId)
        {
            return new(StageStepOutcome.Conflict, null, [], $"Only the current stage ({CurrentStage(project, plan)?.Id ?? "none"}) can be reported as ending, not {stageId}.");
        }

        var errors = body.Check(plan, limits);
        if (errors.Count > 0)
        {
            return new(StageStepOutcome.Invalid, null, errors);
        }

        var now = clock.GetUtcNow();
        var sent = new EndStageReport
        {
            Id = EndStageReport.IdFor(stageId),
            ProjectId = project.ProjectId,
            StageId = stageId,
            StageName = current.Name,
            NextStageId = body.NextStageId!,
            Summary = body.Summary!.Trim(),
            Lessons = string.IsNullOrWhiteSpace(body.Lessons) ? null : body.Lessons.Trim(),
            Measures = await MeasuresAsync(project, now, cancellationToken),
            Version = 1,
            Status = EndStageStatus.AwaitingDecision,
            SentBy = userId,
            SentAt = now,
        };
        var created = await stages.TryCreateReportAsync(sent, cancellationToken);
        var stored = created ? sent : await stages.UpdateReportAsync(project.ProjectId, stageId, r => r.Status is EndStageStatus.MoreInformationRequested or EndStageStatus.Refused
            ? sent with { Version = r.Version + 1, ETag = r.ETag }
            : null, cancellationToken);
        if (stored is null || !stored.SameAs(sent))
        {
            return new(StageStepOutcome.Conflict, stored, errors, $"The end stage report for {stageId} is {stored?.Status}: it is sent again only when the stage gate asks for more information or refuses it.");
        }

        // Audited and raised for the stored version on a retry too: a request cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~end-stage~{stageId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.SentAt,
            Actor = stored.SentBy,
            Action = AuditAction.StageEndReported,
            Summary = $"End stage report for {stored.StageName} sent (version {stored.Version}), asking to start {stored.NextStageId}",
            Subject = stageId,
        }, cancellationToken);
        await ControlOrchestration.RaiseAsync(client, project.ProjectId, StageEndReported.EventName, new StageEndReported(project.ProjectId, stageId, stored.Version), cancellationToken);
        return new(created || stored.SentAt == now ? StageStepOutcome.Created : StageStepOutcome.Stored, stored, errors);
    }

    /// <summary>Actual against plan as the records stand now: what a report sent now would carry.</summary>
    public async Task<IReadOnlyList<StageMeasure>> MeasuresAsync(ProjectDocument project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var figures = await controls.GetAsync(project.ProjectId, cancellationToken);
        if (figures is null)
        {
            await controls.RefreshAsync(project, cancellationToken);
            figures = await controls.GetAsync(project.ProjectId, cancellationToken);
        }

        return figures is null ? [] : StageMeasures.From(figures, ProjectRecordAccess.Today(now), directory.BankHolidays);
    }
}
