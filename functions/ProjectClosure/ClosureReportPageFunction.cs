using System.Text;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Closure;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectClosure;

/// <summary>What the end project report page shows: the project, its closure request and where it stands.</summary>
public sealed record ClosureReportModel(ProjectDocument Project, ClosureRequest Closure);

/// <summary>
/// The end project report for whoever may see the project: <c>GET /api/projects/{id}/closure/report</c> reads it on a
/// page with the closure checklist and the sponsor's decision; <c>…/closure/report/download</c> gives the HTML
/// document kept in Blob Storage and <c>…/closure/report/download.docx</c> the Word document (always as downloads).
/// </summary>
public sealed class ClosureReportPageFunction(ProjectRepository projects, ClosureRepository closures, ClosureSteps steps, PageRenderer pages)
{
    public const string PageName = "ClosureReportPage";
    public const string DownloadName = "ClosureReportDownload";
    public const string WordDownloadName = "ClosureReportWordDownload";

    [Function(PageName)]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/closure/report")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, missing) = await FindAsync(req, id, cancellationToken);
        return found is null ? missing! : await pages.PageAsync<ClosureReportView, ClosureReportModel>(req.HttpContext, found);
    }

    [Function(DownloadName)]
    [SignInPage]
    public async Task<IResult> DownloadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/closure/report/download")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, missing) = await FindAsync(req, id, cancellationToken);
        if (found is null)
        {
            return missing!;
        }

        var html = await steps.ReportHtmlAsync(found.Closure, cancellationToken);
        return html is null
            ? await pages.MessageAsync(req.HttpContext, new("Report not found", "The report's document is missing. Ask the project manager to send the closure request again."), StatusCodes.Status404NotFound)
            : Results.File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"end-project-report-{found.Project.ProjectId}-v{found.Closure.Version}.html");
    }

    [Function(WordDownloadName)]
    [SignInPage]
    public async Task<IResult> WordDownloadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/closure/report/download.docx")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, missing) = await FindAsync(req, id, cancellationToken);
        return found is null
            ? missing!
            : Results.File(await steps.ReportWordAsync(found.Closure, cancellationToken), EndProjectReportWord.ContentType, $"end-project-report-{found.Project.ProjectId}-v{found.Closure.Version}.docx");
    }

    private async Task<(ClosureReportModel? Found, IResult? Missing)> FindAsync(HttpRequest req, string id, CancellationToken cancellationToken)
    {
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(req.HttpContext.User, project))
        {
            return (null, await pages.MessageAsync(req.HttpContext, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound));
        }

        return await closures.GetAsync(project.ProjectId, cancellationToken) is { } closure
            ? (new ClosureReportModel(project, closure), null)
            : (null, await pages.MessageAsync(req.HttpContext, new("No end project report yet", "Closure of this project has not been asked for."), StatusCodes.Status404NotFound));
    }
}
