using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
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
public sealed class ProjectRaidFunctions(ProjectRepository projects, ControlsView controls, RaidRepository raid, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SaveName = "SaveRaidItem";
    public const string ListName = "ListRaidItems";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/raid/{itemId}")] HttpRequest req, string id, string itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var existing = ProjectRecordAccess.IsRecordId(itemId) && id.StartsWith("prj-", StringComparison.Ordinal) ? await raid.GetAsync(id, itemId, cancellationToken) : null;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(
            id, user, projects, directory, "risks, assumptions, issues and dependencies", (" or the item's owner", u => existing is not null && existing.OwnerId.Equals(u.UserId(), StringComparison.OrdinalIgnoreCase)), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<RaidBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        var (item, errors) = (body ?? RaidBody.Empty).Read(project!.ProjectId, itemId, ProjectRecordAccess.Start(project), ProjectRecordAccess.Today(now), directory, limits);
        if (item is null)
        {
            return Problems.Validation(errors);
        }

        var (saved, conflict) = await raid.SaveAsync(item, user.UserId(), now, cancellationToken);
        if (saved is null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Kind cannot change", conflict!);
        }

        // Audited for the stored version even when nothing changed: a retry after a lost audit write completes it.
        var stored = saved.Record;
        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project!, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~raid~{stored.ItemId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.UpdatedAt,
            Actor = stored.UpdatedBy,
            Action = AuditAction.RaidItemRecorded,
            Summary = Describe(stored),
            Subject = stored.ItemId,
        }, cancellationToken);
        var response = RaidItemResponse.From(stored, directory);
        return saved.Created ? TypedResults.Created($"/api/projects/{project.ProjectId}/raid", response) : TypedResults.Ok(response);
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

    private static string Describe(RaidItem item)
    {
        var kind = item.Kind.ToString();
        var score = item.Score is { } s ? $", score {s}" : string.Empty;
        var verb = item.Version == 1 ? "raised" : $"updated (version {item.Version})";
        return $"{kind} {item.ItemId} {verb}: {item.Title} ({item.Status.ToString().ToLowerInvariant()}{score})";
    }
}
