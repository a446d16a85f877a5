using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;
using Delivery.Workflows.Services;

namespace Delivery.Functions.UserResearch;

/// <summary>How logging a session ended: logged, the same session again (a retry), bad fields, or the id taken by other details.</summary>
public enum ResearchOutcome
{
    Logged,
    Unchanged,
    Invalid,
    Conflict,
}

/// <summary>What logging did: the session as stored, or the errors by field.</summary>
public sealed record ResearchResult(ResearchOutcome Outcome, ResearchSession? Session, Dictionary<string, string[]> Errors);

/// <summary>
/// Logging a user research session, one set of rules for the API and the form: the delivery manager or someone in the
/// current phase's team logs it while the service goes on; linked stories must be in this service's backlog; no
/// participant's personal data is kept. A session is stored and audited once under its id, so the same session sent
/// again (a retry, a form sent twice) changes nothing.
/// </summary>
public sealed class ResearchSteps(ProjectRepository projects, ServiceRepository services, ResearchRepository research, BacklogRepository backlog, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project and service, or the API's refusal (404, 403 unless the delivery manager or in the team, 409 unless the service goes on).</summary>
    public Task<(ProjectDocument? Project, ServiceRecord? Service, IResult? Refusal)> ForLoggingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ServiceRecordAccess.ForRecordingAsync(id, user, projects, services, directory, "user research sessions", teamMayRecord: true, cancellationToken);

    public async Task<ResearchResult> LogAsync(ProjectDocument project, string userId, string sessionId, ResearchBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var (method, errors) = body.Check(project, limits, ProjectRecordAccess.Today(now));
        if (!ProjectRecordAccess.IsRecordId(sessionId))
        {
            errors["sessionId"] = ["Give the session an id of 1 to 64 letters, digits, '-' or '_', like usability-3."];
        }

        var storyIds = new List<string>();
        var given = body.StoryIds ?? [];
        for (var i = 0; i < Math.Min(given.Count, limits.MaxListItems); i++)
        {
            // A story id is checked against the backlog in this project's partition only: a link never reaches another service.
            if (given[i] is not { } storyId || !ProjectRecordAccess.IsRecordId(storyId) || await backlog.GetAsync(project.ProjectId, storyId, cancellationToken) is null)
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
            return new(ResearchOutcome.Invalid, null, errors);
        }

        var wanted = new ResearchSession
        {
            SessionId = sessionId,
            ProjectId = project.ProjectId,
            Date = body.Date!.Value,
            Method = method!.Value,
            Participants = body.Participants!.Value,
            Findings = body.Findings!.Trim(),
            StoryIds = storyIds,
            RecordedBy = userId,
            RecordedAt = now,
        };
        var stored = await research.CreateOrGetAsync(wanted, cancellationToken);
        if (!stored.SameAs(wanted))
        {
            return new(ResearchOutcome.Conflict, stored, []);
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
        var logged = stored.RecordedAt == wanted.RecordedAt && stored.RecordedBy == wanted.RecordedBy;
        return new(logged ? ResearchOutcome.Logged : ResearchOutcome.Unchanged, stored, []);
    }

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length > 64 ? value[..64] + "…" : value;
}
