using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.BacklogPage;

/// <summary>What the backlog page shows: the service, its items in priority order, and whether the reader may change them.</summary>
public sealed record BacklogPageModel(ProjectDocument Project, IReadOnlyList<StoryRecord> Items, bool MayRecord)
{
    /// <summary>The most items the page shows: the top of a long backlog (the API lists them all).</summary>
    public const int MaxItems = 200;
}

/// <summary>
/// The backlog page <c>GET /api/projects/{id}/backlog/page</c>: a digital service's epics and stories in priority
/// order with their status, readiness, epic and release, and links to the team's flow. Whoever may see the project
/// reads it. It reads only the top of the backlog, one query sorted by the database, so a backlog of thousands
/// does not make it slow.
/// </summary>
public sealed class BacklogPageFunction(ProjectRepository projects, BacklogRepository backlog, ApprovalPolicy directory, PageRenderer pages)
{
    public const string Name = "BacklogPage";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/backlog/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await BacklogAccess.ForReadingAsync(id, user, projects, cancellationToken);
        if (refusal is not null)
        {
            return await pages.MessageAsync(req.HttpContext, new("Backlog not available", $"There is no digital service {id} that you can see."), StatusCodes.Status404NotFound);
        }

        var items = await backlog.TopAsync(project!.ProjectId, BacklogPageModel.MaxItems + 1, cancellationToken);
        return await pages.PageAsync<BacklogView, BacklogPageModel>(req.HttpContext, new BacklogPageModel(project, items, BacklogAccess.MayRecord(user, project, directory)));
    }
}
