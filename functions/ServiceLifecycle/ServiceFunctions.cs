using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ServiceLifecycle;

/// <summary>
/// A digital service's phases through the API (<see cref="ServiceSteps"/>): <c>PUT /api/projects/{id}/service</c>
/// starts Discovery with its plan; <c>POST …/service/moves/{moveId}</c> asks to move on to the next phase with that
/// phase's plan (Discovery to Alpha goes to the sponsor; moving on from an assessed phase needs a met assessment);
/// <c>POST …/service/stop</c> stops it after Discovery or Alpha with the reasons; <c>GET …/service</c> shows it with
/// its assessments. Sending the same command again changes nothing.
/// </summary>
public sealed class ServiceFunctions(ProjectRepository projects, ServiceRepository services, ServiceSteps steps, InputLimits limits)
{
    public const string StartName = "StartService";
    public const string MoveName = "MoveServicePhase";
    public const string StopName = "StopService";
    public const string GetName = "GetService";

    [Function(StartName)]
    public async Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/service")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithBodyAsync(req, id, PhaseBody.Empty, (project, user, body) => steps.StartAsync(project, user, body, client, cancellationToken), StatusCodes.Status201Created, cancellationToken);
    }

    [Function(MoveName)]
    public async Task<IResult> MoveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/service/moves/{moveId}")] HttpRequest req, string id, string moveId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithBodyAsync(req, id, PhaseBody.Empty, (project, user, body) => steps.MoveAsync(project, user, moveId, body, client, cancellationToken), StatusCodes.Status202Accepted, cancellationToken);
    }

    [Function(StopName)]
    public async Task<IResult> StopAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/service/stop")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithBodyAsync(req, id, StopBody.Empty, (project, user, body) => steps.StopAsync(project, user, body, client, cancellationToken), StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>Checks the caller manages the service and reads the JSON body (or answers why not), then answers with what the step did.</summary>
    private async Task<IResult> WithBodyAsync<TBody>(
        HttpRequest req, string id, TBody empty, Func<ProjectDocument, string, TBody, Task<ServiceResult>> step, int status, CancellationToken cancellationToken)
        where TBody : class
    {
        var (project, refusal) = await steps.ForManagingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<TBody>(req, limits, cancellationToken);
        return failure ?? Answer(await step(project!, req.HttpContext.User.UserId(), body ?? empty), project!, status);
    }

    [Function(GetName)]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/service")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await services.GetAsync(project!.ProjectId, cancellationToken) is { } service
            ? TypedResults.Ok(new ServiceResponse(service with { ETag = null }, (await services.ListAssessmentsAsync(project.ProjectId, cancellationToken)).Select(a => a with { ETag = null }).ToList()))
            : Problems.Status(StatusCodes.Status404NotFound, "No service phases", $"{project.ProjectId} has not started its service phases.");
    }

    private static IResult Answer(ServiceResult result, ProjectDocument project, int doneStatus) => result.Outcome switch
    {
        ServiceOutcome.Invalid => Problems.Validation(result.Errors),
        ServiceOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason!),
        ServiceOutcome.Done when doneStatus == StatusCodes.Status201Created => TypedResults.Created($"/api/projects/{project.ProjectId}/service", result.Service! with { ETag = null }),
        ServiceOutcome.Done when doneStatus == StatusCodes.Status202Accepted => TypedResults.Accepted($"/api/projects/{project.ProjectId}/service", result.Service! with { ETag = null }),
        _ => TypedResults.Ok(result.Service! with { ETag = null }),
    };
}

/// <summary>A service as the API shows it: its phases and moves, and its assessments.</summary>
public sealed record ServiceResponse(ServiceRecord Service, IReadOnlyList<ServiceAssessment> Assessments);
