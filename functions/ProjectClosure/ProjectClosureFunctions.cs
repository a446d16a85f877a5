using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Closure;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectClosure;

/// <summary>
/// Closure through the API, by the same step as the page (<see cref="ClosureSteps"/>): <c>POST
/// /api/projects/{id}/closure</c> is the project manager asking to close the project with the checklist and the
/// handover of open risks and issues; the end project report is built from the records and the sponsor decides.
/// <c>GET …/closure</c> shows the request, its report and the decision. Sending the same request again (a retry)
/// changes nothing.
/// </summary>
public sealed class ProjectClosureFunctions(ProjectRepository projects, ClosureRepository closures, ClosureSteps steps, InputLimits limits)
{
    public const string RequestName = "RequestClosure";
    public const string GetName = "GetClosure";

    [Function(RequestName)]
    public async Task<IResult> RequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/closure")] HttpRequest req,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForClosingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<ClosureBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.RequestAsync(project!, req.HttpContext.User.UserId(), body ?? ClosureBody.Empty, client, cancellationToken);
        return result.Outcome switch
        {
            ClosureOutcome.Invalid => Problems.Validation(result.Errors),
            ClosureOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The closure request is {result.Closure?.Status}: a new one is sent only after the sponsor asks for changes or rejects it."),
            ClosureOutcome.Sent => TypedResults.Accepted($"/api/projects/{project!.ProjectId}/closure", result.Closure),
            _ => TypedResults.Ok(result.Closure),
        };
    }

    [Function(GetName)]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/closure")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await closures.GetAsync(project!.ProjectId, cancellationToken) is { } closure
            ? TypedResults.Ok(closure with { ETag = null })
            : Problems.Status(StatusCodes.Status404NotFound, "No closure request", $"Closure of {project.ProjectId} has not been asked for.");
    }
}
