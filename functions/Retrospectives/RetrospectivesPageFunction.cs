using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Retrospectives;

/// <summary>
/// What the retrospectives page shows: the service, its cadence (none yet is said), the directory for owners' names,
/// whether the person may keep the record (for the forms' links), and what a form just did (for its success banner).
/// </summary>
public sealed record RetrospectivesPageModel(ProjectDocument Project, CadenceResponse? Cadence, ApprovalPolicy Directory, bool MayRecord = false, string? Done = null)
{
    public string NameOf(string id) => Directory.Find(id)?.Name ?? id;
}

/// <summary>
/// The retrospectives page, <c>GET /api/projects/{id}/retrospectives/page</c>, for whoever may see the service: the
/// iteration length, the iteration now and the retrospective due next (overdue or not), each retrospective with what
/// went well and what to improve, and every action with its owner, due date and whether it is done. The delivery manager
/// finds the cadence and retrospective forms here, and comes back with a banner once one is done.
/// </summary>
public sealed class RetrospectivesPageFunction(ProjectRepository projects, ServiceRepository services, CadenceRepository cadences, ApprovalPolicy directory, PageRenderer pages, TimeProvider clock)
{
    [Function("RetrospectivesPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/retrospectives/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, service, refusal) = await ServicePageAccess.ForReadingAsync(req.HttpContext, id, projects, services, pages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var cadence = await cadences.GetAsync(project!.ProjectId, cancellationToken);
        var response = cadence is null ? null
            : CadenceResponse.From(cadence, await cadences.ListRetrospectivesAsync(project.ProjectId, cancellationToken), ProjectRecordAccess.Today(clock.GetUtcNow()));
        var mayRecord = ServiceRecordAccess.MayRecord(req.HttpContext.User, project, service!, directory, teamMayRecord: false);
        var recorded = ServiceRecordAccess.RouteNumber(req.Query["recorded"].ToString(), CadenceFunctions.MaxIteration);
        var done = req.Query["cadence"] == "set" && response is not null ? $"Iterations of {response.IterationDays} days set"
            : recorded is { } n && response?.Retrospectives.Any(r => r.Iteration == n) == true ? $"Retrospective of iteration {n} recorded"
            : null;
        return await pages.PageAsync<RetrospectivesView, RetrospectivesPageModel>(req.HttpContext, new RetrospectivesPageModel(project, response, directory, mayRecord, done));
    }
}
