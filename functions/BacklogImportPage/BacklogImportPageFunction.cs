using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.BacklogImport;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.BacklogImportPage;

/// <summary>
/// The import page <c>GET/POST /api/projects/{id}/backlog-import/page</c>: the delivery manager uploads a Jira or
/// Azure Boards CSV export, sees which column each field is read from (and may choose others), the first items and
/// every row's problems, and imports the file once it has none. The checks and the import are
/// <see cref="BacklogImporter"/>'s, as for the API; the file is kept by <see cref="ImportUploads"/> between steps.
/// </summary>
public sealed class BacklogImportPageFunction(ProjectRepository projects, BacklogImporter importer, ImportUploads uploads, ApprovalPolicy directory, PageRenderer pages)
{
    public const string Name = "BacklogImportPage";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/backlog-import/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await BacklogAccess.ForRecordingAsync(id, http.User, projects, directory, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot import this backlog");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await ShowAsync(http, BacklogImportModel.Start(project!));
        }

        if (req.ContentLength > ImportFile.MaxBytes + (1024 * 1024))
        {
            return await pages.MessageAsync(http, new("The file is too large", $"The export must be {ImportFile.MaxBytes / (1024 * 1024)} MB or smaller; export fewer items at a time."), StatusCodes.Status413PayloadTooLarge);
        }

        if (!req.HasFormContentType)
        {
            return await pages.MessageAsync(http, new("Your file could not be sent", "Send the page's own form."), StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await req.ReadFormAsync(cancellationToken);
        return await StepAsync(http, project!, ImportForm.Read(form), cancellationToken);
    }

    /// <summary>Checks the file sent or kept with the columns chosen, then shows the preview or, when asked and the file has no problem, imports it.</summary>
    private async Task<IResult> StepAsync(HttpContext http, ProjectDocument project, ImportForm sent, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var source = ImportMapping.ReadSource(sent.Source, errors);
        await using var file = await OpenAsync(project, sent, errors, cancellationToken);
        var start = BacklogImportModel.Start(project) with { Source = sent.Source, FileName = sent.FileName };
        if (file is null || errors.Count > 0)
        {
            return await ShowAsync(http, start with { Errors = ImportForm.PageErrors(errors) }, StatusCodes.Status400BadRequest);
        }

        var (mapping, columns) = await BacklogImporter.MappingAsync(file, source, sent.Chosen, errors, cancellationToken);
        var kept = start with { UploadId = file.Sha256, Columns = columns, Chosen = mapping?.Names ?? sent.Chosen.ToDictionary(c => c.Key, c => (string?)c.Value) };
        if (mapping is null || errors.Count > 0)
        {
            return await ShowAsync(http, kept with { Errors = ImportForm.PageErrors(errors) }, StatusCodes.Status400BadRequest);
        }

        var user = http.User.UserId();
        var check = await importer.CheckAsync(project, file, mapping, user, cancellationToken);
        var preview = kept with { Check = check };
        if (!sent.Import)
        {
            return await ShowAsync(http, preview);
        }

        if (check.RowsWithErrors > 0 || check.Rows == 0)
        {
            var why = check.Rows == 0 ? "The file has no rows to import" : check.Refusal.Split(" Correct", 2)[0].TrimEnd('.');
            return await ShowAsync(http, preview with { Errors = new Dictionary<string, string> { ["problems"] = why } }, StatusCodes.Status400BadRequest);
        }

        var result = await importer.ImportAsync(project, file, mapping, user, cancellationToken);
        await uploads.DeleteAsync(project.ProjectId, file.Sha256, cancellationToken);
        return await ShowAsync(http, start with { Done = result });
    }

    /// <summary>The file uploaded now (kept for the next steps), or the one kept from an earlier step; null, with the error, when there is neither.</summary>
    private async Task<ImportFile?> OpenAsync(ProjectDocument project, ImportForm sent, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (sent.File is { Length: > 0 } upload)
        {
            await using var content = upload.OpenReadStream();
            var file = await ImportFile.SpoolAsync(content, cancellationToken);
            if (file is null)
            {
                errors["file"] = [$"The file must be {ImportFile.MaxBytes / (1024 * 1024)} MB or smaller"];
                return null;
            }

            await uploads.KeepAsync(project.ProjectId, file, cancellationToken);
            return file;
        }

        var kept = ImportUploads.IsUploadId(sent.UploadId) ? await uploads.OpenAsync(project.ProjectId, sent.UploadId!, cancellationToken) : null;
        if (kept is null)
        {
            errors["file"] = [sent.UploadId is null ? "Select a CSV export to upload" : "The file uploaded earlier is no longer here: upload it again"];
        }

        return kept;
    }

    private Task<IResult> ShowAsync(HttpContext http, BacklogImportModel model, int status = StatusCodes.Status200OK) =>
        pages.PageAsync<BacklogImportView, BacklogImportModel>(http, model, status);
}
