using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Retrospectives;

/// <summary>What the retrospectives page shows: the service, its cadence (none yet is said), and the directory for owners' names.</summary>
public sealed record RetrospectivesPageModel(ProjectDocument Project, CadenceResponse? Cadence, ApprovalPolicy Directory)
{
    public string NameOf(string id) => Directory.Find(id)?.Name ?? id;
}

/// <summary>
/// The retrospectives page, <c>GET /api/projects/{id}/retrospectives/page</c>, for whoever may see the service: the
/// iteration length, the iteration now and the retrospective due next (overdue or not), each retrospective with what
/// went well and what to improve, and every action with its owner, due date and whether it is done.
/// </summary>
public sealed class RetrospectivesPageFunction(ProjectRepository projects, ServiceRepository services, CadenceRepository cadences, ApprovalPolicy directory, PageRenderer pages, TimeProvider clock)
{
    [Function("RetrospectivesPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/retrospectives/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServicePageAccess.ForReadingAsync(req.HttpContext, id, projects, services, pages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var cadence = await cadences.GetAsync(project!.ProjectId, cancellationToken);
        var response = cadence is null ? null
            : CadenceResponse.From(cadence, await cadences.ListRetrospectivesAsync(project.ProjectId, cancellationToken), ProjectRecordAccess.Today(clock.GetUtcNow()));
        return await pages.PageAsync<RetrospectivesView, RetrospectivesPageModel>(req.HttpContext, new RetrospectivesPageModel(project, response, directory));
    }
}
