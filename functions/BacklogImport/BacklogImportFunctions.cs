using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.Backlog;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// Imports a Jira or Azure Boards CSV export into a digital service's backlog, so teams that keep it there get the
/// same flow metrics. The body is the CSV file; <c>?source=jira</c> or <c>azure-boards</c> chooses the default
/// columns and <c>map.{field}=Column</c> overrides them. <c>POST …/backlog-import/preview</c> shows the mapping, the
/// first rows and every row's problems, storing nothing; <c>POST …/backlog-import</c> stores the items only when no
/// row has a problem (otherwise 400 naming the rows, nothing stored). Both read the file a row at a time from a
/// temporary copy; the items are created in parallel (a few in flight), items already in the backlog are left as
/// they are, and the team's flow summaries are written once per month at the end. Audited once per file.
/// </summary>
public sealed class BacklogImportFunctions(ProjectRepository projects, BacklogRepository backlog, BacklogFlowSummary flow, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string PreviewName = "PreviewBacklogImport";
    public const string ImportName = "ImportBacklog";
    private const int InFlight = 16;

    [Function(PreviewName)]
    public async Task<IResult> PreviewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/backlog-import/preview")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithFileAsync(req, id, async (project, file, mapping, columns) =>
        {
            var check = await CheckAsync(project, file, mapping, req.HttpContext.User.UserId(), cancellationToken);
            return TypedResults.Ok(new ImportPreview(mapping.Source, columns, mapping.Names, check.Rows, check.RowsWithErrors, check.Preview.Select(StoryResponse.From).ToList(), check.Errors));
        }, cancellationToken);
    }

    [Function(ImportName)]
    public async Task<IResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/backlog-import")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User.UserId();
        return await WithFileAsync(req, id, async (project, file, mapping, _) =>
        {
            var check = await CheckAsync(project, file, mapping, user, cancellationToken);
            if (check.RowsWithErrors > 0)
            {
                var listed = check.RowsWithErrors > check.Errors.Count ? $" The first {check.Errors.Count} are listed." : string.Empty;
                return TypedResults.ValidationProblem(check.Errors, title: "There are problems in the file", detail: $"{check.RowsWithErrors} of {check.Rows} rows have problems, so nothing was imported.{listed} Correct them and import the file again.");
            }

            var result = await StoreAsync(project, file, mapping, user, clock.GetUtcNow(), cancellationToken);
            await audit.AppendAsync($"{project.ProjectId}~backlog-import~{file.Sha256}", new AuditEntry
            {
                Id = string.Empty,
                ProjectId = project.ProjectId,
                At = clock.GetUtcNow(),
                Actor = user,
                Action = AuditAction.BacklogImported,
                Summary = $"{result.Imported} backlog items imported from a {(mapping.Source == ImportSource.Jira ? "Jira" : "Azure Boards")} export of {result.Rows} rows ({result.AlreadyThere} already in the backlog)",
                Subject = file.Sha256[..16],
            }, cancellationToken);
            return TypedResults.Ok(result);
        }, cancellationToken);
    }

    private Task<ImportCheck> CheckAsync(ProjectDocument project, ImportFile file, ImportMapping mapping, string user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ImportCheck.RunAsync(file, mapping, (fields, priority) => ImportRow.Read(fields, mapping, project.ProjectId, priority, user, now, limits), cancellationToken);
    }

    /// <summary>The second pass: each row created (409: already there, its stored flow used), a bounded number in flight, then the flow summaries.</summary>
    private async Task<ImportResult> StoreAsync(ProjectDocument project, ImportFile file, ImportMapping mapping, string user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flows = new List<(string StoryId, StoryFlow Flow)>();
        var inFlight = new List<Task<(StoryRecord Story, bool Created)>>();
        var (rows, imported, already) = (0, 0, 0);

        void Collect(Task<(StoryRecord Story, bool Created)> done)
        {
            var (story, created) = done.Result;
            (imported, already) = created ? (imported + 1, already) : (imported, already + 1);
            if (StoryFlow.Of(story) is { } f && (f.FinishedAt is not null || f.InProgress))
            {
                flows.Add((story.StoryId, f));
            }
        }

        await foreach (var (row, fields) in file.RecordsAsync(cancellationToken))
        {
            if (row == 1 || fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows++;
            var (story, _) = ImportRow.Read(fields, mapping, project.ProjectId, row - 1, user, now, limits);
            inFlight.Add(backlog.CreateImportedAsync(story!, cancellationToken));
            if (inFlight.Count >= InFlight)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                Collect(await done.ContinueWith(t => t, TaskScheduler.Default));
            }
        }

        foreach (var task in inFlight)
        {
            await task;
            Collect(task);
        }

        await flow.AddAsync(project.ProjectId, flows, cancellationToken);
        return new ImportResult(mapping.Source, rows, imported, already);
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

        string[]? headers = null;
        try
        {
            await foreach (var (_, fields) in file.RecordsAsync(cancellationToken))
            {
                headers = fields;
                break;
            }
        }
        catch (ImportCsvException)
        {
            headers = null;
        }

        if (headers is null || headers.All(string.IsNullOrWhiteSpace))
        {
            errors["file"] = ["Send the CSV export as the body: a header row naming the columns, then a row per item."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var mapping = ImportMapping.For(source!.Value, headers!, chosen, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : await use(project!, file, mapping, headers!);
    }

    private static IResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "File too large", $"The export must be {ImportFile.MaxBytes / (1024 * 1024)} MB or smaller; export fewer items at a time.");
}
