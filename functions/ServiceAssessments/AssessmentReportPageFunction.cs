using Azure.Storage.Blobs;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>
/// The published assessment report for whoever may see the project: <c>GET
/// /api/projects/{id}/assessments/{assessmentId}/report</c> reads it on a page; <c>…/report/download</c> gives the HTML
/// document kept in Blob Storage when the outcome was recorded (always as a download).
/// </summary>
public sealed class AssessmentReportPageFunction(ProjectRepository projects, ServiceRepository services, ApprovalPolicy directory, BlobServiceClient blobs, PageRenderer pages)
{
    [Function("AssessmentReportPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/assessments/{assessmentId}/report")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, missing) = await FindAsync(req, id, assessmentId, cancellationToken);
        return found is null ? missing! : await pages.PageAsync<AssessmentReportView, AssessmentReportModel>(req.HttpContext, found);
    }

    [Function("AssessmentReportDownload")]
    [SignInPage]
    public async Task<IResult> DownloadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/assessments/{assessmentId}/report/download")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, missing) = await FindAsync(req, id, assessmentId, cancellationToken);
        if (found is null)
        {
            return missing!;
        }

        var blob = found.Assessment.ReportBlob is { } name ? blobs.GetBlobContainerClient(BlobContainers.Documents).GetBlobClient(name) : null;
        if (blob is null || !await blob.ExistsAsync(cancellationToken))
        {
            return await pages.MessageAsync(req.HttpContext, new("Report not found", "The report is kept once the panel records the outcome."), StatusCodes.Status404NotFound);
        }

        var content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        return Results.File(content, "text/html; charset=utf-8", $"service-assessment-{found.Project.ProjectId}-{found.Assessment.AssessmentId}.html");
    }

    private async Task<(AssessmentReportModel? Found, IResult? Missing)> FindAsync(HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(req.HttpContext.User, project))
        {
            return (null, await pages.MessageAsync(req.HttpContext, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound));
        }

        var assessment = App.Projects.ProjectRecordAccess.IsRecordId(assessmentId) ? await services.GetAssessmentAsync(project.ProjectId, assessmentId, cancellationToken) : null;
        return assessment is null
            ? (null, await pages.MessageAsync(req.HttpContext, new("Assessment not found", "This service has no such assessment. Check the link."), StatusCodes.Status404NotFound))
            : (new AssessmentReportModel(project, assessment, directory), null);
    }
}
