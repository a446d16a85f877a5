using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Milestones;
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
public sealed class ProjectChangeFunctions(ProjectRepository projects, ChangeRepository changes, MilestoneRepository milestones, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
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

        var now = clock.GetUtcNow();
        var (sent, errors) = (body ?? ChangeBody.Empty).Read(project!, changeId, await milestones.ListAsync(project!, cancellationToken), user.UserId(), now, limits);
        if (sent is null)
        {
            return Problems.Validation(errors);
        }

        var created = await changes.TryCreateAsync(sent, cancellationToken);
        var stored = created ? sent : await changes.UpdateAsync(project!.ProjectId, changeId, c => c.Status == ChangeStatus.MoreInformationRequested
            ? sent with { Version = c.Version + 1, ETag = c.ETag }
            : null, cancellationToken);
        if (stored is null || !stored.SameAs(sent))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Change {changeId} is {stored?.Status}: it is sent again only when the board asks for more information. Use a new id for another change.");
        }

        // Audited and raised for the stored version on a retry too: a request cut short after storing completes here.
        var isNew = created || stored.RaisedAt == now;
        await audit.AppendAsync($"{project!.ProjectId}~change~{changeId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RaisedAt,
            Actor = stored.RaisedBy,
            Action = AuditAction.ChangeRequested,
            Summary = $"Change {changeId} sent (version {stored.Version}): {stored.Kind} change \"{stored.Title}\", cost impact {stored.CostImpact:0.00}, {stored.Milestones.Count} milestone(s) moved",
            Subject = changeId,
        }, cancellationToken);
        await ControlOrchestration.RaiseAsync(client, project.ProjectId, ChangeSubmitted.EventName, new ChangeSubmitted(project.ProjectId, changeId, stored.Version), cancellationToken);
        var response = ChangeResponse.From(stored);
        return isNew ? TypedResults.Accepted($"/api/projects/{project.ProjectId}/changes/{changeId}", response) : TypedResults.Ok(response);
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
