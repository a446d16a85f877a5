using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.UserResearch;

/// <summary>
/// A service's user research log through the API: <c>PUT /api/projects/{id}/research/{sessionId}</c> logs a session
/// through <see cref="ResearchSteps"/> (the research form's steps too), once under the id the recorder chose;
/// <c>GET …/research</c> lists them, latest first, for whoever may see the project, so assessments and reports can
/// show the evidence.
/// </summary>
public sealed class ResearchFunctions(ResearchSteps steps, ProjectRepository projects, ServiceRepository services, ResearchRepository research, InputLimits limits)
{
    [Function("RecordResearchSession")]
    public async Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/research/{sessionId}")] HttpRequest req, string id, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await steps.ForLoggingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<ResearchBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.LogAsync(project!, req.HttpContext.User.UserId(), sessionId, body ?? ResearchBody.Empty, cancellationToken);
        return result.Outcome switch
        {
            ResearchOutcome.Invalid => Problems.Validation(result.Errors),
            ResearchOutcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Session {sessionId} is logged already with other details; log another session under a new id."),
            ResearchOutcome.Logged => TypedResults.Created($"/api/projects/{project!.ProjectId}/research", result.Session! with { ETag = null }),
            _ => TypedResults.Ok(result.Session! with { ETag = null }),
        };
    }

    [Function("ListResearchSessions")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/research")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, services, cancellationToken);
        return refusal ?? TypedResults.Ok((await research.ListAsync(project!.ProjectId, cancellationToken)).Select(s => s with { ETag = null }).ToList());
    }
}
