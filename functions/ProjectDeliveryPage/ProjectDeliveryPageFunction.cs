using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.GetProject;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectDeliveryPage;

/// <summary>What the delivery page shows: today's tolerance readings, the milestones and the RAID log.</summary>
public sealed record ProjectDeliveryModel(
    ProjectDocument Project,
    IReadOnlyList<ToleranceReading> Readings,
    IReadOnlyList<MilestoneRecord> Milestones,
    IReadOnlyList<RaidItem> Raid,
    IReadOnlyList<ProjectException> Exceptions,
    ApprovalPolicy Directory,
    bool IsManager = false,
    bool MayRecordSpend = false);

/// <summary>
/// The <c>ProjectDeliveryPage</c> function: <c>GET /api/projects/{id}/delivery</c>, an approved project's delivery
/// controls for whoever may see the project: each tolerance as agreed and as it stands today (the monitor's own
/// reading), its exceptions (with a link to the report form for the project manager when one is awaited), the milestones against their baselines, a 5×5 heat map of the open risks and the RAID log.
/// </summary>
public sealed class ProjectDeliveryPageFunction(
    ProjectRepository projects, ControlsView controls, MilestoneRepository milestones, RaidRepository raid, ExceptionRepository exceptions, ApprovalPolicy directory, TimeProvider clock, PageRenderer pages)
{
    public const string Name = nameof(ProjectDeliveryPage);

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/delivery")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(req.HttpContext.User, project))
        {
            return await pages.MessageAsync(req.HttpContext, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        if (project.Baseline is null)
        {
            return await pages.MessageAsync(req.HttpContext, new("Not approved yet", "Delivery controls start when the project is approved."), StatusCodes.Status409Conflict);
        }

        var figures = await controls.GetAsync(project.ProjectId, cancellationToken);
        var readings = figures is null ? [] : ToleranceEvaluator.Evaluate(figures, UkTime.Today(clock.GetUtcNow()), directory.BankHolidays);
        var model = new ProjectDeliveryModel(
            project,
            readings,
            await milestones.ListAsync(project, cancellationToken),
            await raid.ListAsync(project.ProjectId, cancellationToken),
            await exceptions.ListAsync(project.ProjectId, cancellationToken),
            directory,
            ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory),
            ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory) || req.HttpContext.User.IsInRole(Roles.Finance));
        return await pages.PageAsync<ProjectDeliveryView, ProjectDeliveryModel>(req.HttpContext, model);
    }
}
