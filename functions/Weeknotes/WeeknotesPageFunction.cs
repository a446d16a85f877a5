using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Weeknotes;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Weeknotes;

/// <summary>
/// What the weeknotes page shows: the service and its notes, latest week first, whether the person may post one, and
/// the note just posted from the form (for its success banner).
/// </summary>
public sealed record WeeknotesPageModel(ProjectDocument Project, IReadOnlyList<Weeknote> Notes, bool MayPost = false, Weeknote? Posted = null);

/// <summary>
/// The weeknotes page, <c>GET /api/projects/{id}/weeknotes/page</c>, for whoever may see the service (the emailed
/// notes link here): each week's what we did, what we learned, what's next and blockers; the delivery manager finds the
/// weeknote form here, and comes back to it with a banner once a note is posted.
/// </summary>
public sealed class WeeknotesPageFunction(ProjectRepository projects, ServiceRepository services, WeeknoteRepository weeknotes, ApprovalPolicy directory, PageRenderer pages)
{
    [Function("WeeknotesPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/weeknotes/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, service, refusal) = await ServicePageAccess.ForReadingAsync(req.HttpContext, id, projects, services, pages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var notes = await weeknotes.ListAsync(project!.ProjectId, cancellationToken);
        var mayPost = ServiceRecordAccess.MayRecord(req.HttpContext.User, project, service!, directory, teamMayRecord: false);
        var posted = req.Query["posted"].ToString() is { Length: > 0 } postedId ? notes.FirstOrDefault(n => n.WeeknoteId == postedId) : null;
        return await pages.PageAsync<WeeknotesView, WeeknotesPageModel>(req.HttpContext, new WeeknotesPageModel(project, notes, mayPost, posted));
    }
}
