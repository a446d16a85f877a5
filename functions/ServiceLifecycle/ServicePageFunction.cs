using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServiceLifecycle;

/// <summary>What the service page shows: the project, its phases and moves, its assessments, and the directory for names.</summary>
public sealed record ServicePageModel(ProjectDocument Project, ServiceRecord Service, IReadOnlyList<ServiceAssessment> Assessments, ApprovalPolicy Directory, bool IsManager)
{
    public string NameOf(string id) => Directory.Find(id)?.Name ?? id;
}

/// <summary>
/// The service page, <c>GET /api/projects/{id}/service/page</c>, for whoever may see the project: the phase it is in
/// and each phase's goals, team, budget and dates, the moves decided, why it stopped, and its assessments with links to
/// their reports; for the delivery manager, links to plan the next phase or stop the service. A manager whose service
/// has not started is sent to the phase form to start Discovery.
/// </summary>
public sealed class ServicePageFunction(ProjectRepository projects, ServiceRepository services, ApprovalPolicy directory, PageRenderer pages)
{
    [Function("ServicePage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/service/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(req.HttpContext.User, project))
        {
            return await pages.MessageAsync(req.HttpContext, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        var manager = ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory) && ServiceSteps.Refusal(project) is null;
        if (await services.GetAsync(project.ProjectId, cancellationToken) is not { } service)
        {
            // The delivery manager starts the service here: its first phase is planned on the phase form.
            if (manager)
            {
                return Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/service/next-phase");
            }

            return await pages.MessageAsync(req.HttpContext, new("No service phases yet", "The delivery manager has not started this service's Discovery."), StatusCodes.Status404NotFound);
        }

        var assessments = await services.ListAssessmentsAsync(project.ProjectId, cancellationToken);
        return await pages.PageAsync<ServicePageView, ServicePageModel>(req.HttpContext, new ServicePageModel(project, service, assessments, directory, manager));
    }
}
