using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Backlog;

/// <summary>
/// A digital service's backlog: <c>PUT /api/projects/{id}/backlog/{storyId}</c> records an epic or story (or a new
/// version of it), <c>POST …/backlog/{storyId}/move</c> moves it to another status, keeping the time, and
/// <c>GET /api/projects/{id}/backlog</c> lists it in priority order. The delivery manager and Admin record; whoever
/// may see the project reads. Each version and each move is audited once, so a retry changes nothing.
/// </summary>
public sealed class BacklogFunctions(ProjectRepository projects, BacklogRepository backlog, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SaveName = "SaveStory";
    public const string MoveName = "MoveStory";
    public const string ListName = "ListBacklog";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/backlog/{storyId}")] HttpRequest req, string id, string storyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await BacklogAccess.ForRecordingAsync(id, user, projects, directory, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<StoryBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (story, errors) = (body ?? StoryBody.Empty).Read(project!.ProjectId, storyId, limits);
        if (story?.EpicId is { } epicId && await backlog.GetAsync(project.ProjectId, epicId, cancellationToken) is not { Kind: StoryKind.Epic })
        {
            errors["epicId"] = [$"There is no epic {epicId} in this backlog."];
        }

        if (story is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (saved, missing) = await backlog.SaveAsync(story, user.UserId(), clock.GetUtcNow(), cancellationToken);
        if (saved is null)
        {
            return NotReady($"Story {storyId} is ready, so it must keep a user need and an acceptance criterion; move it back to the backlog first to take them away.", missing);
        }

        var stored = saved.Record;
        await audit.AppendAsync($"{project.ProjectId}~story~{stored.StoryId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.StoryRecorded,
            Summary = $"{(stored.Kind == StoryKind.Epic ? "Epic" : "Story")} {stored.StoryId} {(stored.Version == 1 ? "added to the backlog" : $"updated (version {stored.Version})")}",
            Subject = stored.StoryId,
        }, cancellationToken);
        var response = StoryResponse.From(stored);
        return saved.Created ? TypedResults.Created($"/api/projects/{project.ProjectId}/backlog", response) : TypedResults.Ok(response);
    }

    [Function(MoveName)]
    public async Task<IResult> MoveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/backlog/{storyId}/move")] HttpRequest req, string id, string storyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await BacklogAccess.ForRecordingAsync(id, user, projects, directory, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<MoveBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var status = RecordRules.Choice<StoryStatus>("status", body?.Status, required: true, errors);
        if (!ProjectRecordAccess.IsRecordId(storyId))
        {
            errors["storyId"] = ["Give the item an id of 1 to 64 letters, digits, '-' or '_'."];
        }

        if (status is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var moved = await backlog.MoveAsync(project!.ProjectId, storyId, status.Value, user.UserId(), clock.GetUtcNow(), cancellationToken);
        if (moved.Story is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Item not found", $"There is no item {storyId} in this backlog.");
        }

        if (moved.Missing.Count > 0)
        {
            return NotReady($"Story {storyId} cannot be ready yet: {string.Join(" ", moved.Missing.Values.SelectMany(v => v))}", moved.Missing);
        }

        var stored = moved.Story;
        var transition = stored.Transitions[^1];
        await audit.AppendAsync($"{project.ProjectId}~story~{stored.StoryId}~move~{stored.Transitions.Count}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = transition.At,
            Actor = stored.RecordedBy,
            Action = AuditAction.StoryMoved,
            Summary = $"{stored.StoryId} moved to {transition.Status}",
            Subject = stored.StoryId,
        }, cancellationToken);
        return TypedResults.Ok(StoryResponse.From(stored));
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/backlog")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await BacklogAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok((await backlog.ListAsync(project!.ProjectId, cancellationToken)).Select(StoryResponse.From).ToList());
    }

    /// <summary>The readiness refusal: a validation problem (400) whose errors name what is missing, with a detail that says so in words.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem NotReady(string detail, IReadOnlyDictionary<string, string[]> missing) =>
        TypedResults.ValidationProblem(missing, detail: detail, title: "The story is not ready");
}
