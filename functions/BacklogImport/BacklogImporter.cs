using Delivery.Workflows.Audit;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// Checks and imports a Jira or Azure Boards CSV export into a digital service's backlog, for the API and for the
/// import page alike, so a file gets the same checks and the same result however it arrives. The second pass
/// creates the items a few in flight (items already in the backlog are left as they are), writes the team's flow
/// summaries at the end and audits the file once. An item an earlier export of the same tool brought is brought up to
/// date with the file, so a team that keeps its backlog in the tool re-imports to refresh its flow metrics.
/// </summary>
public sealed class BacklogImporter(BacklogRepository backlog, BacklogFlowSummary flow, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    private const int InFlight = 64;

    /// <summary>
    /// The file's header row and the mapping of the fields to its columns (the user's <paramref name="chosen"/>
    /// columns over the source's defaults); every problem named in <paramref name="errors"/>, as <c>file</c>,
    /// <c>source</c> or <c>map.{field}</c>.
    /// </summary>
    public static async Task<(ImportMapping? Mapping, IReadOnlyList<string> Columns)> MappingAsync(
        ImportFile file, ImportSource? source, IReadOnlyDictionary<string, string> chosen, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(errors);
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
            errors["file"] = ["The file must be a CSV export: a header row naming the columns, then a row per item."];
            return (null, []);
        }

        return source is null ? (null, headers) : (ImportMapping.For(source.Value, headers, chosen, errors), headers);
    }

    /// <summary>The first pass: every row read and checked, nothing stored.</summary>
    public Task<ImportCheck> CheckAsync(ProjectDocument project, ImportFile file, ImportMapping mapping, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var now = clock.GetUtcNow();
        return ImportCheck.RunAsync(file, mapping, (fields, priority) => ImportRow.Read(fields, mapping, project.ProjectId, priority, user, now, limits), cancellationToken);
    }

    /// <summary>Stores a file whose check found no problem, then audits it once (keyed by the file's hash).</summary>
    public async Task<ImportResult> ImportAsync(ProjectDocument project, ImportFile file, ImportMapping mapping, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mapping);
        var result = await StoreAsync(project, file, mapping, user, clock.GetUtcNow(), cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~backlog-import~{file.Sha256}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = user,
            Action = AuditAction.BacklogImported,
            Summary = $"{result.Imported} backlog items imported and {result.Updated} updated from a {(mapping.Source == ImportSource.Jira ? "Jira" : "Azure Boards")} export of {result.Rows} rows ({result.AlreadyThere} already in the backlog as they are)",
            Subject = file.Sha256[..16],
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// The second pass: each row stored (new, updated from an earlier export, or left as it is), a bounded number in
    /// flight; then the flow summaries: new and unchanged items' at once, per month; updated items' one by one, since
    /// their finished month or work in progress may have moved.
    /// </summary>
    private async Task<ImportResult> StoreAsync(ProjectDocument project, ImportFile file, ImportMapping mapping, string user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flows = new List<(string StoryId, StoryFlow Flow)>();
        var moved = new List<ImportedStory>();
        var inFlight = new List<Task<ImportedStory>>();
        var rows = 0;
        var outcomes = new Dictionary<ImportOutcome, int>();

        void Collect(ImportedStory done)
        {
            outcomes[done.Outcome] = outcomes.GetValueOrDefault(done.Outcome) + 1;
            if (done.Outcome == ImportOutcome.Updated)
            {
                moved.Add(done);
            }
            else if (StoryFlow.Of(done.Story) is { } f && (f.FinishedAt is not null || f.InProgress))
            {
                flows.Add((done.Story.StoryId, f));
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
            inFlight.Add(backlog.ImportAsync(story!, cancellationToken));
            if (inFlight.Count >= InFlight)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                Collect(await done);
            }
        }

        foreach (var task in inFlight)
        {
            Collect(await task);
        }

        await flow.AddAsync(project.ProjectId, flows, cancellationToken);
        foreach (var updated in moved)
        {
            await flow.ApplyAsync(project.ProjectId, updated.Story.StoryId, updated.Before, StoryFlow.Of(updated.Story), cancellationToken);
        }

        return new ImportResult(mapping.Source, rows, outcomes.GetValueOrDefault(ImportOutcome.Created), outcomes.GetValueOrDefault(ImportOutcome.Updated), outcomes.GetValueOrDefault(ImportOutcome.AlreadyThere));
    }
}
