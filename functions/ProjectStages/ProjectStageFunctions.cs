using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectStages;

/// <summary>
/// Stage boundaries. <c>PUT /api/projects/{id}/stages/{stageId}</c> is the project manager planning a delivery stage
/// (name, planned end); <c>POST …/stages/{stageId}/end-report</c> sends the end stage report of the current stage
/// (initiation first), with actual against plan taken from the project's own records, to a stage gate decided by
/// the level that set the tolerances; its approval starts the next stage. <c>GET …/stages</c> shows the plan and the
/// reports. Sending the same thing again (a retry) changes nothing.
/// </summary>
public sealed class ProjectStageFunctions(ProjectRepository projects, StageRepository stages, ControlsView controls, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string PlanName = "PlanStage";
    public const string ListName = "ListStages";
    public const string ReportName = "SendEndStageReport";

    [Function(PlanName)]
    public async Task<IResult> PlanAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/stages/{stageId}")] HttpRequest req, string id, string stageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "stages", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<StageBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        body ??= StageBody.Empty;
        var errors = body.Check(project!, stageId, ProjectRecordAccess.Today(now), limits);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (name, end) = (body.Name!.Trim(), body.PlannedEnd!.Value);
        var planned = new DeliveryStage
        {
            Id = DeliveryStage.IdFor(stageId),
            ProjectId = project!.ProjectId,
            StageId = stageId,
            Name = name,
            PlannedEnd = end,
            Status = StageStatus.Planned,
            UpdatedBy = user.UserId(),
            UpdatedAt = now,
        };
        var created = await stages.TryCreateAsync(planned, cancellationToken);
        var stored = created ? planned : await stages.UpdateAsync(project.ProjectId, stageId, s => s.Status == StageStatus.Completed || (s.Name == name && s.PlannedEnd == end)
            ? null
            : s with { Name = name, PlannedEnd = end, UpdatedBy = planned.UpdatedBy, UpdatedAt = now }, cancellationToken);
        if (stored is null || stored.Name != name || stored.PlannedEnd != end)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Stage {stageId} is {stored?.Status}: a completed stage's plan stays as it was.");
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
        var response = StageResponse.From(stored);
        return created ? TypedResults.Created($"/api/projects/{project.ProjectId}/stages", response) : TypedResults.Ok(response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/stages")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var plan = await stages.ListAsync(project!.ProjectId, cancellationToken);
        var reports = await stages.ListReportsAsync(project.ProjectId, cancellationToken);
        return TypedResults.Ok(new StagesResponse(CurrentStage(project, plan)?.Id ?? string.Empty, plan.Select(StageResponse.From).ToList(), reports.Select(EndStageReportResponse.From).ToList()));
    }

    [Function(ReportName)]
    public async Task<IResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/stages/{stageId}/end-report")] HttpRequest req,
        string id,
        string stageId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "end stage reports", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var plan = await stages.ListAsync(project!.ProjectId, cancellationToken);
        if (CurrentStage(project, plan) is not { } current || current.Id != stageId)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not the current stage", $"Only the current stage ({CurrentStage(project, plan)?.Id ?? "none"}) can be reported as ending, not {stageId}.");
        }

        var (body, failure) = await JsonBody.ReadAsync<EndStageBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        body ??= EndStageBody.Empty;
        var errors = body.Check(plan, limits);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
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
            SentBy = user.UserId(),
            SentAt = now,
        };
        var created = await stages.TryCreateReportAsync(sent, cancellationToken);
        var stored = created ? sent : await stages.UpdateReportAsync(project.ProjectId, stageId, r => r.Status is EndStageStatus.MoreInformationRequested or EndStageStatus.Refused
            ? sent with { Version = r.Version + 1, ETag = r.ETag }
            : null, cancellationToken);
        if (stored is null || !stored.SameAs(sent))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The end stage report for {stageId} is {stored?.Status}: it is sent again only when the stage gate asks for more information or refuses it.");
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
        var response = EndStageReportResponse.From(stored);
        return created || stored.SentAt == now ? TypedResults.Accepted($"/api/projects/{project.ProjectId}/stages", response) : TypedResults.Ok(response);
    }

    /// <summary>The stage now running: initiation until the project is in Delivery, then the delivery stage marked current.</summary>
    private static (string Id, string Name)? CurrentStage(ProjectDocument project, IReadOnlyList<DeliveryStage> plan) =>
        project.Stage == ProjectStage.Initiation
            ? (DeliveryStage.Initiation, "Initiation")
            : plan.FirstOrDefault(s => s.Status == StageStatus.Current) is { } running ? (running.StageId, running.Name) : null;

    private async Task<IReadOnlyList<StageMeasure>> MeasuresAsync(ProjectDocument project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var figures = await controls.GetAsync(project.ProjectId, cancellationToken);
        if (figures is null)
        {
            await controls.RefreshAsync(project, cancellationToken);
            figures = await controls.GetAsync(project.ProjectId, cancellationToken);
        }

        return figures is null ? [] : StageMeasures.From(figures, ProjectRecordAccess.Today(now), directory.BankHolidays);
    }
}
