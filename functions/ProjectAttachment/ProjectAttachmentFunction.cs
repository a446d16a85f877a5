using System.Globalization;
using Azure.Storage.Blobs;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Delivery.Functions.ProjectAttachment;

/// <summary>
/// The <c>ProjectAttachment</c> function: <c>GET /api/projects/{id}/attachments/{number}</c>, a file attached to the
/// request, for whoever may see the project (anyone else is told there is no such file). Always a download, never
/// shown inline, so a file cannot run as a page of the service.
/// </summary>
public sealed class ProjectAttachmentFunction(ProjectRepository projects, BlobServiceClient blobs, PageRenderer pages)
{
    public const string Name = nameof(ProjectAttachment);

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/attachments/{number}")] HttpRequest req, string id, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(req.HttpContext.User, project)
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > project.Attachments.Count)
        {
            return await pages.MessageAsync(req.HttpContext, new("File not found", "There is no such file that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        var file = project.Attachments[n - 1];
        var download = await blobs.GetBlobContainerClient(BlobContainers.Attachments).GetBlobClient(file.BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        req.HttpContext.Response.Headers.ContentDisposition = disposition.ToString();
        req.HttpContext.Response.Headers.CacheControl = "private, no-store";
        return Results.Stream(download.Value.Content, file.ContentType);
    }
}
