using System.Globalization;
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

    /// <summary>Whether the person looking keeps the RAID log, the milestones and the stages (the project manager, while records are kept).</summary>
    public bool Records { get; init; }

    /// <summary>The person looking, by directory id: a risk's owner may review their own risk.</summary>
    public string ViewerId { get; init; } = string.Empty;

    /// <summary>The id the "Add a risk" link offers: the next free R-number.</summary>
    public string NextRiskId { get; init; } = "R1";

    /// <summary>What was just saved, for the success banner (null when nothing was).</summary>
    public string? Saved { get; init; }

    /// <summary>Whether the person looking may change this risk through the risk form.</summary>
    public bool MayChange(RaidItem item) =>
        item is not null && item.Kind == RaidKind.Risk && RecordingOpen && (Records || item.OwnerId.Equals(ViewerId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether records are kept now (from approval until closure), as the API allows.</summary>
    public bool RecordingOpen => Project.Stage is ProjectStage.Initiation or ProjectStage.Delivery;
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
        var isManager = ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory);
        var model = new ProjectDeliveryModel(
            project,
            readings,
            await milestones.ListAsync(project, cancellationToken),
            await raid.ListAsync(project.ProjectId, cancellationToken),
            await exceptions.ListAsync(project.ProjectId, cancellationToken),
            await suppliers.SpendSummaryAsync(project.ProjectId, cancellationToken),
            directory,
            isManager,
            isManager || req.HttpContext.User.IsInRole(Roles.Finance))
        {
            Stages = await stages.ListAsync(project.ProjectId, cancellationToken),
            StageReports = await stages.ListReportsAsync(project.ProjectId, cancellationToken),
            LatestHighlight = highlightReports.Count > 0 ? highlightReports[0] : null,
            HighlightDue = figures?.HighlightDue,
            HighlightOverdue = figures?.HighlightDue < today,
            ViewerId = req.HttpContext.User.UserId(),
        };
        model = model with
        {
            Records = model.RecordingOpen && isManager,
            NextRiskId = NextRiskId(model.Raid),
            Saved = SavedMessage(req.Query["saved"].ToString(), model),
        };
        return await pages.PageAsync<ProjectDeliveryView, ProjectDeliveryModel>(req.HttpContext, model);
    }

    /// <summary>R and the number after the highest R-number in the log, so "Add a risk" never offers one in use.</summary>
    private static string NextRiskId(IReadOnlyList<RaidItem> items)
    {
        var highest = items.Select(i => i.ItemId.Length > 1 && i.ItemId[0] == 'R' && int.TryParse(i.ItemId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return $"R{highest + 1}";
    }

    /// <summary>The banner after a form saved a risk or a milestone; only for a record the page shows, so a made-up link shows none.</summary>
    private static string? SavedMessage(string saved, ProjectDeliveryModel model)
    {
        if (saved.StartsWith("risk-", StringComparison.Ordinal) && model.Raid.FirstOrDefault(i => i.ItemId == saved[5..]) is { } risk)
        {
            return $"Risk {risk.ItemId}, {risk.Title}, has been saved.";
        }

        return saved.StartsWith("milestone-", StringComparison.Ordinal) && model.Milestones.FirstOrDefault(m => m.MilestoneId == saved[10..]) is { } milestone
            ? $"The dates of milestone {milestone.Name} have been saved."
            : null;
    }
}
