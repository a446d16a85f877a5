using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// Imports a Jira or Azure Boards CSV export into a digital service's backlog, so teams that keep it there get the
/// same flow metrics. The body is the CSV file; <c>?source=jira</c> or <c>azure-boards</c> chooses the default
/// columns and <c>map.{field}=Column</c> overrides them. <c>POST …/backlog-import/preview</c> shows the mapping, the
/// first rows and every row's problems, storing nothing; <c>POST …/backlog-import</c> stores the items only when no
/// row has a problem (otherwise 400 naming the rows, nothing stored). Both read the file a row at a time from a
/// temporary copy; <see cref="BacklogImporter"/> checks and stores it, as it does for the import page.
/// </summary>
public sealed class BacklogImportFunctions(ProjectRepository projects, BacklogImporter importer, ApprovalPolicy directory)
{
    public const string PreviewName = "PreviewBacklogImport";
    public const string ImportName = "ImportBacklog";

    [Function(PreviewName)]
    public async Task<IResult> PreviewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/backlog-import/preview")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithFileAsync(req, id, async (project, file, mapping, columns) =>
        {
            var check = await importer.CheckAsync(project, file, mapping, req.HttpContext.User.UserId(), cancellationToken);
            return TypedResults.Ok(ImportPreview.From(mapping, columns, check));
        }, cancellationToken);
    }

    [Function(ImportName)]
    public async Task<IResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/backlog-import")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User.UserId();
        return await WithFileAsync(req, id, async (project, file, mapping, _) =>
        {
            var check = await importer.CheckAsync(project, file, mapping, user, cancellationToken);
            if (check.RowsWithErrors > 0)
            {
                return TypedResults.ValidationProblem(check.Errors, title: "There are problems in the file", detail: check.Refusal);
            }

            return TypedResults.Ok(await importer.ImportAsync(project, file, mapping, user, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Checks who may import and reads the query and the file's header row, then runs <paramref name="use"/> with the file.</summary>
    private async Task<IResult> WithFileAsync(HttpRequest req, string id, Func<ProjectDocument, ImportFile, ImportMapping, IReadOnlyList<string>, Task<IResult>> use, CancellationToken cancellationToken)
    {
        var (project, refusal) = await BacklogAccess.ForRecordingAsync(id, req.HttpContext.User, projects, directory, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var source = ImportMapping.ReadSource(req.Query["source"], errors);
        var chosen = req.Query.Where(q => q.Key.StartsWith("map.", StringComparison.Ordinal)).ToDictionary(q => q.Key[4..], q => q.Value.ToString(), StringComparer.Ordinal);
        if (req.ContentLength > ImportFile.MaxBytes)
        {
            return TooLarge();
        }

        await using var file = await ImportFile.SpoolAsync(req.Body, cancellationToken);
        if (file is null)
        {
            return TooLarge();
        }

        var (mapping, columns) = await BacklogImporter.MappingAsync(file, source, chosen, errors, cancellationToken);
        return errors.Count > 0 || mapping is null ? Problems.Validation(errors) : await use(project!, file, mapping, columns);
    }

    private static IResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "File too large", $"The export must be {ImportFile.MaxBytes / (1024 * 1024)} MB or smaller; export fewer items at a time.");
}
