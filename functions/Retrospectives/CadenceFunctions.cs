using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Retrospectives;

/// <summary>
/// A service team's cadence through the API (<see cref="CadenceSteps"/>): <c>PUT /api/projects/{id}/cadence</c> sets
/// the iteration length and the first iteration's start; <c>GET …/cadence</c> shows the iteration now, the
/// retrospective due next and every retrospective; <c>PUT …/retrospectives/{iteration}</c> records one (once);
/// <c>POST …/retrospectives/{iteration}/actions/{actionId}/done</c> closes an action.
/// </summary>
public sealed class CadenceFunctions(ProjectRepository projects, ServiceRepository services, CadenceRepository cadences, CadenceSteps steps, ApprovalPolicy directory, InputLimits limits, TimeProvider clock)
{
    /// <summary>No service runs ten thousand iterations; a bigger number is a mistake, not a record.</summary>
    public const int MaxIteration = 9_999;

    [Function("SetCadence")]
    public async Task<IResult> SetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/cadence")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, req.HttpContext.User, projects, services, directory, "the team's cadence", teamMayRecord: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<CadenceBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.SetAsync(project!, req.HttpContext.User.UserId(), body ?? CadenceBody.Empty, cancellationToken);
        return result.Outcome switch
        {
            ServiceOutcome.Invalid => Problems.Validation(result.Errors),
            ServiceOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason!),
            _ => TypedResults.Ok(await ResponseAsync(project!.ProjectId, result.Record!, cancellationToken)),
        };
    }

    [Function("GetCadence")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/cadence")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, services, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await cadences.GetAsync(project!.ProjectId, cancellationToken) is { } cadence
            ? TypedResults.Ok(await ResponseAsync(project.ProjectId, cadence, cancellationToken))
            : Problems.Status(StatusCodes.Status404NotFound, "No cadence", $"{project.ProjectId}'s delivery manager has not set the team's iteration length.");
    }

    [Function("RecordRetrospective")]
    public async Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/retrospectives/{iteration}")] HttpRequest req, string id, string iteration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, req.HttpContext.User, projects, services, directory, "retrospectives", teamMayRecord: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<RetrospectiveBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (ServiceRecordAccess.RouteNumber(iteration, MaxIteration) is not { } number)
        {
            // Named with the body's own errors, so one answer lists everything to put right.
            var (_, errors) = (body ?? RetrospectiveBody.Empty).Read(project!, directory, limits, ProjectRecordAccess.Today(clock.GetUtcNow()));
            errors["iteration"] = [$"The iteration is its number, 1 to {MaxIteration}."];
            return Problems.Validation(errors);
        }

        var result = await steps.RecordAsync(project!, req.HttpContext.User.UserId(), number, body ?? RetrospectiveBody.Empty, cancellationToken);
        return result.Outcome switch
        {
            ServiceOutcome.Invalid => Problems.Validation(result.Errors),
            ServiceOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason!),
            ServiceOutcome.Done => TypedResults.Created($"/api/projects/{project!.ProjectId}/cadence", result.Record! with { ETag = null }),
            _ => TypedResults.Ok(result.Record! with { ETag = null }),
        };
    }

    [Function("RetrospectiveActionDone")]
    public async Task<IResult> ActionDoneAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/retrospectives/{iteration}/actions/{actionId}/done")] HttpRequest req, string id, string iteration, string actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, services, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (ServiceRecordAccess.RouteNumber(iteration, MaxIteration) is not { } number
            || await cadences.GetRetrospectiveAsync(project!.ProjectId, number, cancellationToken) is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Retrospective not found", $"{id} has no retrospective of iteration {iteration}.");
        }

        var result = await steps.ActionDoneAsync(project, number, actionId, req.HttpContext.User, cancellationToken);
        return result switch
        {
            { Outcome: ServiceOutcome.Invalid } => Problems.Validation(result.Errors),
            { Forbidden: true } => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", result.Reason!),
            _ => TypedResults.Ok(result.Record! with { ETag = null }),
        };
    }

    private async Task<CadenceResponse> ResponseAsync(string projectId, TeamCadence cadence, CancellationToken cancellationToken) =>
        CadenceResponse.From(cadence, await cadences.ListRetrospectivesAsync(projectId, cancellationToken), ProjectRecordAccess.Today(clock.GetUtcNow()));
}
