using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectChanges;

/// <summary>
/// Change requests: <c>PUT /api/projects/{id}/changes/{changeId}</c> is the project manager sending one (or sending it
/// again when the board asked for more information); it is assessed against their delegated tolerance, approved
/// automatically within it, else decided by the board through an approval gate. <c>GET …/changes[/{changeId}]</c>
/// shows them with their assessment and decision. Sending the same change again (a retry) changes nothing.
/// </summary>
public sealed class ProjectChangeFunctions(ProjectRepository projects, ChangeRepository changes, ChangeRequests requests, ApprovalPolicy directory, InputLimits limits)
{
    public const string SendName = "SendChangeRequest";
    public const string ListName = "ListChangeRequests";
    public const string GetName = "GetChangeRequest";

    [Function(SendName)]
    public async Task<IResult> SendAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/changes/{changeId}")] HttpRequest req,
        string id,
        string changeId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "change requests", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<ChangeBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await requests.SendAsync(client, project!, changeId, body ?? ChangeBody.Empty, user.UserId(), cancellationToken);
        return result.Outcome switch
        {
            SendOutcome.Invalid => Problems.Validation(result.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
            SendOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Change {changeId} is {result.Change?.Status}: it is sent again only when the board asks for more information. Use a new id for another change."),
            SendOutcome.Sent => TypedResults.Accepted($"/api/projects/{project!.ProjectId}/changes/{changeId}", ChangeResponse.From(result.Change!)),
            _ => TypedResults.Ok(ChangeResponse.From(result.Change!)),
        };
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/changes")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok((await changes.ListAsync(project!.ProjectId, cancellationToken)).Select(ChangeResponse.From).ToList());
    }

    [Function(GetName)]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/changes/{changeId}")] HttpRequest req, string id, string changeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var change = ProjectRecordAccess.IsRecordId(changeId) ? await changes.GetAsync(project!.ProjectId, changeId, cancellationToken) : null;
        return change is null
            ? Problems.Status(StatusCodes.Status404NotFound, "Change not found", $"The project has no change {changeId}.")
            : TypedResults.Ok(ChangeResponse.From(change));
    }
}
