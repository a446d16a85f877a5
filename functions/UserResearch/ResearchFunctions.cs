using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.UserResearch;

/// <summary>
/// A service's user research log through the API: <c>PUT /api/projects/{id}/research/{sessionId}</c> logs a session
/// (by the delivery manager or someone in the current phase's team; linked stories must be in the service's backlog),
/// once under the id the recorder chose; <c>GET …/research</c> lists them, latest first, for whoever may see the
/// project, so assessments and reports can show the evidence.
/// </summary>
public sealed class ResearchFunctions(
    ProjectRepository projects, ServiceRepository services, ResearchRepository research, BacklogRepository backlog, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    [Function("RecordResearchSession")]
    public async Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/research/{sessionId}")] HttpRequest req, string id, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, req.HttpContext.User, projects, services, directory, "user research sessions", teamMayRecord: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<ResearchBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        body ??= ResearchBody.Empty;
        var now = clock.GetUtcNow();
        var (method, errors) = body.Check(project!, limits, ProjectRecordAccess.Today(now));
        if (!ProjectRecordAccess.IsRecordId(sessionId))
        {
            errors["sessionId"] = ["Give the session an id of 1 to 64 letters, digits, '-' or '_', like usability-3."];
        }

        var storyIds = new List<string>();
        var given = body.StoryIds ?? [];
        for (var i = 0; i < Math.Min(given.Count, limits.MaxListItems); i++)
        {
            // A story id is checked against the backlog in this project's partition only: a link never reaches another service.
            if (given[i] is not { } storyId || !ProjectRecordAccess.IsRecordId(storyId) || await backlog.GetAsync(project!.ProjectId, storyId, cancellationToken) is null)
            {
                errors[$"storyIds[{i}]"] = [$"The service's backlog has no story '{Shorten(given[i])}'."];
            }
            else if (!storyIds.Contains(storyId, StringComparer.Ordinal))
            {
                storyIds.Add(storyId);
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var wanted = new ResearchSession
        {
            SessionId = sessionId,
            ProjectId = project!.ProjectId,
            Date = body.Date!.Value,
            Method = method!.Value,
            Participants = body.Participants!.Value,
            Findings = body.Findings!.Trim(),
            StoryIds = storyIds,
            RecordedBy = req.HttpContext.User.UserId(),
            RecordedAt = now,
        };
        var stored = await research.CreateOrGetAsync(wanted, cancellationToken);
        if (!stored.SameAs(wanted))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Session {sessionId} is logged already with other details; log another session under a new id.");
        }

        // Audited on a retry too: a recording cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~research~{sessionId}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.ResearchSessionRecorded,
            Summary = $"Research session {sessionId}: {stored.Method} with {stored.Participants} participant(s) on {stored.Date:yyyy-MM-dd}, {stored.StoryIds.Count} linked story(ies)",
            Subject = sessionId,
        }, cancellationToken);
        return stored.RecordedAt == wanted.RecordedAt && stored.RecordedBy == wanted.RecordedBy
            ? TypedResults.Created($"/api/projects/{project.ProjectId}/research", stored with { ETag = null })
            : TypedResults.Ok(stored with { ETag = null });
    }

    [Function("ListResearchSessions")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/research")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, services, cancellationToken);
        return refusal ?? TypedResults.Ok((await research.ListAsync(project!.ProjectId, cancellationToken)).Select(s => s with { ETag = null }).ToList());
    }

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length > 64 ? value[..64] + "…" : value;
}
