using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectRaid;

/// <summary>
/// The RAID log's functions: <c>PUT /api/projects/{id}/raid/{itemId}</c> records a risk, assumption, issue or
/// dependency, or a new version of it, and <c>GET /api/projects/{id}/raid</c> lists them. The project manager keeps
/// the log; an item's owner may update their own item (a risk review). Each version is audited once: sending the
/// same content again changes nothing.
/// </summary>
public sealed class ProjectRaidFunctions(ProjectRepository projects, RaidRepository raid, RaidRecording recording, ApprovalPolicy directory, InputLimits limits)
{
    public const string SaveName = "SaveRaidItem";
    public const string ListName = "ListRaidItems";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/raid/{itemId}")] HttpRequest req, string id, string itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, _, refusal) = await recording.ForRecordingAsync(id, itemId, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<RaidBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var saved = await recording.SaveAsync(project!, itemId, user.UserId(), body ?? RaidBody.Empty, unreadable: null, cancellationToken);
        return saved.Outcome switch
        {
            RaidSaveOutcome.Invalid => Problems.Validation(saved.Errors),
            RaidSaveOutcome.KindConflict => Problems.Status(StatusCodes.Status409Conflict, "Kind cannot change", saved.Conflict!),
            RaidSaveOutcome.Created => TypedResults.Created($"/api/projects/{project!.ProjectId}/raid", RaidItemResponse.From(saved.Item!, directory)),
            _ => TypedResults.Ok(RaidItemResponse.From(saved.Item!, directory)),
        };
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/raid")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var items = await raid.ListAsync(project!.ProjectId, cancellationToken);
        return TypedResults.Ok(items.Select(i => RaidItemResponse.From(i, directory)).ToList());
    }
}
