using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.GetProject;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectHighlights;

/// <summary>What the highlight reports page shows: the cadence, when the next is due, the report chosen and the others.</summary>
public sealed record HighlightReportsModel(
    ProjectDocument Project,
    int EveryDays,
    IReadOnlyList<string> Stakeholders,
    DateOnly? NextDue,
    bool Overdue,
    HighlightReport? Shown,
    IReadOnlyList<HighlightReport> Reports,
    bool MayWrite,
    bool JustSent);

/// <summary>
/// The <c>HighlightReportsPage</c> function: <c>GET /api/projects/{id}/highlight-reports</c>, for whoever may see the
/// project: how often reports are due and when the next is (overdue said plainly), the latest report in full (or the
/// one of <c>?date=yyyy-MM-dd</c>), and every earlier one by date; the project manager is offered to write the next.
/// </summary>
public sealed class HighlightReportsPageFunction(
    ProjectRepository projects, HighlightRepository highlights, ControlsView controls, ApprovalPolicy directory, LifecyclePolicy lifecycle, TimeProvider clock, PageRenderer pages)
{
    public const string Name = "HighlightReportsPage";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/highlight-reports")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(http.User, project))
        {
            return await pages.MessageAsync(http, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        if (project.Baseline is null)
        {
            return await pages.MessageAsync(http, new("Not approved yet", "Highlight reports start when the project is approved."), StatusCodes.Status409Conflict);
        }

        var plan = await highlights.GetPlanAsync(project.ProjectId, cancellationToken);
        var reports = await highlights.ListReportsAsync(project.ProjectId, cancellationToken);
        var asked = DateOnly.TryParseExact(req.Query["date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        var shown = asked is { } d ? reports.FirstOrDefault(r => r.ReportDate == d) : reports.Count > 0 ? reports[0] : null;
        if (asked is not null && shown is null)
        {
            return await pages.MessageAsync(http, new("Highlight report not found", "The project has no highlight report of that date."), StatusCodes.Status404NotFound);
        }

        var due = (await controls.GetAsync(project.ProjectId, cancellationToken))?.HighlightDue;
        var model = new HighlightReportsModel(
            project,
            plan?.EveryDays ?? lifecycle.HighlightEveryDays,
            (plan?.StakeholderIds ?? []).Select(s => directory.Find(s)?.Name ?? s).ToList(),
            due,
            due is { } next && next < UkTime.Today(clock.GetUtcNow()),
            shown,
            reports,
            ProjectRecordAccess.IsManager(http.User, project, directory) && project.Stage is ProjectStage.Initiation or ProjectStage.Delivery,
            req.Query["sent"] == "1");
        return await pages.PageAsync<HighlightReportsView, HighlightReportsModel>(http, model);
    }
}
