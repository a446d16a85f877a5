using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.UserResearch;

/// <summary>
/// What the research log page shows: the service and its sessions, latest first, whether the person may log one, and
/// the session just logged from the form (for its success banner).
/// </summary>
public sealed record ResearchPageModel(ProjectDocument Project, IReadOnlyList<ResearchSession> Sessions, bool MayLog = false, ResearchSession? Logged = null);

/// <summary>
/// The user research log, <c>GET /api/projects/{id}/research/page</c>, for whoever may see the service: each session's
/// date, method, number of participants, findings and the backlog stories it informs, as evidence for assessments. The
/// delivery manager and the team find the research form here, and come back with a banner once a session is logged.
/// </summary>
public sealed class ResearchPageFunction(ProjectRepository projects, ServiceRepository services, ResearchRepository research, ApprovalPolicy directory, PageRenderer pages)
{
    [Function("ResearchLogPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/research/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, service, refusal) = await ServicePageAccess.ForReadingAsync(req.HttpContext, id, projects, services, pages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var sessions = await research.ListAsync(project!.ProjectId, cancellationToken);
        var mayLog = ServiceRecordAccess.MayRecord(req.HttpContext.User, project, service!, directory, teamMayRecord: true);
        var logged = req.Query["logged"].ToString() is { Length: > 0 } loggedId ? sessions.FirstOrDefault(s => s.SessionId == loggedId) : null;
        return await pages.PageAsync<ResearchLogView, ResearchPageModel>(req.HttpContext, new ResearchPageModel(project, sessions, mayLog, logged));
    }

    /// <summary>A method in words: "UsabilityTest" reads "Usability test".</summary>
    public static string Words(ResearchMethod method)
    {
        var name = method.ToString();
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
    }
}
