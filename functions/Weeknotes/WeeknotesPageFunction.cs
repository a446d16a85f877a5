using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Weeknotes;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Weeknotes;

/// <summary>What the weeknotes page shows: the service and its notes, latest week first.</summary>
public sealed record WeeknotesPageModel(ProjectDocument Project, IReadOnlyList<Weeknote> Notes);

/// <summary>
/// The weeknotes page, <c>GET /api/projects/{id}/weeknotes/page</c>, for whoever may see the service (the emailed
/// notes link here): each week's what we did, what we learned, what's next and blockers.
/// </summary>
public sealed class WeeknotesPageFunction(ProjectRepository projects, ServiceRepository services, WeeknoteRepository weeknotes, PageRenderer pages)
{
    [Function("WeeknotesPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/weeknotes/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServicePageAccess.ForReadingAsync(req.HttpContext, id, projects, services, pages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var notes = await weeknotes.ListAsync(project!.ProjectId, cancellationToken);
        return await pages.PageAsync<WeeknotesView, WeeknotesPageModel>(req.HttpContext, new WeeknotesPageModel(project, notes));
    }
}
