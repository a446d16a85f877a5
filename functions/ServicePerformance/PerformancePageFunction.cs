using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>What the performance page shows: the service's measures with their figures, who gets the monthly report, and whether the reader may record.</summary>
public sealed record PerformancePageModel(ProjectDocument Project, IReadOnlyList<MeasureFigure> Figures, IReadOnlyList<string> Recipients, bool MayRecord);

/// <summary>
/// The performance page, <c>GET /api/projects/{id}/performance/page</c>, for whoever may see the project: each measure
/// (the GOV.UK KPIs first) with its definition, latest figure against target, change from the month before, a run
/// chart of its monthly figures with the target line and a table of the same figures; who gets the monthly report;
/// for the delivery manager, links to define measures, record a month's figures and import a CSV file.
/// </summary>
public sealed class PerformancePageFunction(ProjectRepository projects, PerformanceRepository performance, PerformanceSteps steps, ApprovalPolicy directory, PageRenderer pages)
{
    [Function("PerformancePage")]
    [SignInPage]
    public async Task<IResult> PageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/performance/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(req.HttpContext.User, project))
        {
            return await pages.MessageAsync(req.HttpContext, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        var record = await performance.GetAsync(project.ProjectId, cancellationToken) ?? new PerformanceRecord { ProjectId = project.ProjectId };
        var mayRecord = ProjectRecordAccess.IsManager(req.HttpContext.User, project, directory)
            && project.Stage is ProjectStage.Initiation or ProjectStage.Delivery
            && await steps.RefusalAsync(project, cancellationToken) is null;
        var recipients = MonthlyPerformanceReport.Stakeholders(project, record, directory).Select(p => p.Name).ToList();
        return await pages.PageAsync<PerformancePageView, PerformancePageModel>(req.HttpContext, new(project, PerformanceFigures.For(record, null), recipients, mayRecord));
    }
}
