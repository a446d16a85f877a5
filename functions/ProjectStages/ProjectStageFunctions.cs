using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectStages;

/// <summary>
/// Stage boundaries through the API, by the same steps as the pages (<see cref="StageSteps"/>).
/// <c>PUT /api/projects/{id}/stages/{stageId}</c> is the project manager planning a delivery stage (name, planned
/// end); <c>POST …/stages/{stageId}/end-report</c> sends the end stage report of the current stage (initiation
/// first), with actual against plan taken from the project's own records, to a stage gate decided by the level that
/// set the tolerances; its approval starts the next stage. <c>GET …/stages</c> shows the plan and the reports.
/// Sending the same thing again (a retry) changes nothing.
/// </summary>
public sealed class ProjectStageFunctions(ProjectRepository projects, StageRepository stages, StageSteps steps, InputLimits limits)
{
    public const string PlanName = "PlanStage";
    public const string ListName = "ListStages";
    public const string ReportName = "SendEndStageReport";

    [Function(PlanName)]
    public async Task<IResult> PlanAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/stages/{stageId}")] HttpRequest req, string id, string stageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForRecordingAsync(id, req.HttpContext.User, "stages", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<StageBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.PlanAsync(project!, stageId, req.HttpContext.User.UserId(), body ?? StageBody.Empty, cancellationToken);
        return result.Outcome switch
        {
            StageStepOutcome.Invalid => Problems.Validation(result.Errors),
            StageStepOutcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Conflict!),
            StageStepOutcome.Created => TypedResults.Created($"/api/projects/{project!.ProjectId}/stages", StageResponse.From(result.Stored!)),
            _ => TypedResults.Ok(StageResponse.From(result.Stored!)),
        };
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
        return TypedResults.Ok(new StagesResponse(StageSteps.CurrentStage(project, plan)?.Id ?? string.Empty, plan.Select(StageResponse.From).ToList(), reports.Select(EndStageReportResponse.From).ToList()));
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
        var (project, refusal) = await steps.ForRecordingAsync(id, req.HttpContext.User, "end stage reports", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<EndStageBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.ReportAsync(project!, stageId, req.HttpContext.User.UserId(), body ?? EndStageBody.Empty, client, cancellationToken);
        return result.Outcome switch
        {
            StageStepOutcome.Invalid => Problems.Validation(result.Errors),
            StageStepOutcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, result.Stored is null ? "Not the current stage" : "Not now", result.Conflict!),
            StageStepOutcome.Created => TypedResults.Accepted($"/api/projects/{project!.ProjectId}/stages", EndStageReportResponse.From(result.Stored!)),
            _ => TypedResults.Ok(EndStageReportResponse.From(result.Stored!)),
        };
    }
}
