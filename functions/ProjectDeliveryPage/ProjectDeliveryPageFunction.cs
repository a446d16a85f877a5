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
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Stages;
using Delivery.Workflows.Suppliers;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectDeliveryPage;

/// <summary>What the delivery page shows: today's tolerance readings, the milestones, the RAID log and the suppliers.</summary>
public sealed record ProjectDeliveryModel(
    ProjectDocument Project,
    IReadOnlyList<ToleranceReading> Readings,
    IReadOnlyList<MilestoneRecord> Milestones,
    IReadOnlyList<RaidItem> Raid,
    IReadOnlyList<ProjectException> Exceptions,
    SupplierSpendSummary Suppliers,
    ApprovalPolicy Directory,
    bool IsManager = false,
    bool MayRecordSpend = false)
{
    /// <summary>The delivery stages in the order they end, and each one's end stage report (initiation's too).</summary>
    public IReadOnlyList<DeliveryStage> Stages { get; init; } = [];

    public IReadOnlyList<EndStageReport> StageReports { get; init; } = [];

    /// <summary>The latest highlight report, and when the next is due (overdue when before today).</summary>
    public HighlightReport? LatestHighlight { get; init; }

    public DateOnly? HighlightDue { get; init; }

    public bool HighlightOverdue { get; init; }

    /// <summary>Whether the person looking may plan stages and send end stage reports: the project's manager, while it runs.</summary>
    public bool MayPlanStages { get; init; }
}

/// <summary>
/// The <c>ProjectDeliveryPage</c> function: <c>GET /api/projects/{id}/delivery</c>, an approved project's delivery
/// controls for whoever may see the project: each tolerance as agreed and as it stands today (the monitor's own
/// reading), its exceptions (with a link to the report form for the project manager when one is awaited), the
/// latest highlight report's delivery confidence and when the next is due, the stages with their end stage reports,
/// the milestones against their baselines, a 5×5 heat map of the open risks, the RAID log and each supplier's
/// statement of work against what has been spent on it.
/// </summary>
public sealed class ProjectDeliveryPageFunction(
    ProjectRepository projects, ControlsView controls, MilestoneRepository milestones, RaidRepository raid, ExceptionRepository exceptions, SupplierRepository suppliers, StageRepository stages, HighlightRepository highlights, ApprovalPolicy directory, TimeProvider clock, PageRenderer pages)
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
        var today = UkTime.Today(clock.GetUtcNow());
        var readings = figures is null ? [] : ToleranceEvaluator.Evaluate(figures, today, directory.BankHolidays);
        var highlightReports = await highlights.ListReportsAsync(project.ProjectId, cancellationToken);
        var model = new ProjectDeliveryModel(
            project,
            readings,
            await milestones.ListAsync(project, cancellationToken),
            await raid.ListAsync(project.ProjectId, cancellationToken),
            await exceptions.ListAsync(project.ProjectId, cancellationToken),
            await suppliers.SpendSummaryAsync(project.ProjectId, cancellationToken),
            directory,
            ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory),
            ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory) || req.HttpContext.User.IsInRole(Roles.Finance))
        {
            Stages = await stages.ListAsync(project.ProjectId, cancellationToken),
            StageReports = await stages.ListReportsAsync(project.ProjectId, cancellationToken),
            LatestHighlight = highlightReports.Count > 0 ? highlightReports[0] : null,
            HighlightDue = figures?.HighlightDue,
            HighlightOverdue = figures?.HighlightDue < today,
            MayPlanStages = ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory) && project.Stage is ProjectStage.Initiation or ProjectStage.Delivery,
        };
        return await pages.PageAsync<ProjectDeliveryView, ProjectDeliveryModel>(req.HttpContext, model);
    }
}
