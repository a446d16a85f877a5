using Delivery.Workflows.Flow;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Backlog;

/// <summary>
/// Keeps a team's flow summary documents (<see cref="BacklogFlowDocument"/>) in line with its stories' flow and
/// reads them. Every change is "this story's item is now X" (or gone), under the document's ETag, again on a clash.
/// </summary>
public sealed class BacklogFlowSummary(Database database)
{
    private readonly ProjectPartition<BacklogFlowDocument> _documents = new(database);

    /// <summary>Brings the summaries in line after a story's flow changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public async Task ApplyAsync(string projectId, string storyId, StoryFlow before, StoryFlow after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var item = new BacklogFlowItem(storyId, after.StartedAt, after.FinishedAt);
        var newYear = after.FinishedAt is { } f ? YearOf(f) : null;
        if (before.FinishedAt is { } b && YearOf(b) is var oldYear && oldYear != newYear)
        {
            await SetAsync(projectId, BacklogFlowDocument.YearId(oldYear), oldYear, [(storyId, null)], cancellationToken);
        }

        if (newYear is not null)
        {
            await SetAsync(projectId, BacklogFlowDocument.YearId(newYear), newYear, [(storyId, item)], cancellationToken);
        }

        if (before.InProgress || after.InProgress)
        {
            await SetAsync(projectId, BacklogFlowDocument.WipId, null, [(storyId, after.InProgress ? item with { FinishedAt = null } : null)], cancellationToken);
        }
    }

    /// <summary>Adds many stories' flow at once (an import): one write per year document and one for work in progress.</summary>
    public async Task AddAsync(string projectId, IReadOnlyList<(string StoryId, StoryFlow Flow)> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        foreach (var year in stories.Where(s => s.Flow.FinishedAt is not null).GroupBy(s => YearOf(s.Flow.FinishedAt!.Value)))
        {
            await SetAsync(projectId, BacklogFlowDocument.YearId(year.Key), year.Key, year.Select(s => (s.StoryId, (BacklogFlowItem?)new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, s.Flow.FinishedAt))).ToList(), cancellationToken);
        }

        var wip = stories.Where(s => s.Flow.InProgress).Select(s => (s.StoryId, (BacklogFlowItem?)new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, null))).ToList();
        if (wip.Count > 0)
        {
            await SetAsync(projectId, BacklogFlowDocument.WipId, null, wip, cancellationToken);
        }
    }

    /// <summary>
    /// Rewrites the team's summaries from its stories' flow (the views rebuild): each year document and work in
    /// progress holds exactly the stories given, and any other summary document (a year now with none, or a month
    /// document of the earlier layout) is deleted.
    /// </summary>
    public async Task RebuildAsync(string projectId, IReadOnlyList<(string StoryId, StoryFlow Flow)> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var wanted = stories.Where(s => s.Flow.FinishedAt is not null)
            .GroupBy(s => YearOf(s.Flow.FinishedAt!.Value))
            .ToDictionary(g => BacklogFlowDocument.YearId(g.Key), g => (Year: (string?)g.Key, Items: g.Select(s => new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, s.Flow.FinishedAt)).ToList()), StringComparer.Ordinal);
        wanted[BacklogFlowDocument.WipId] = (null, stories.Where(s => s.Flow.InProgress).Select(s => new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, null)).ToList());
        var container = database.GetContainer(DataContainers.Projects);
        foreach (var stored in await PartitionQuery.ListAsync<BacklogFlowDocument>(container, projectId, BacklogFlowDocument.DocumentType, cancellationToken))
        {
            if (!wanted.ContainsKey(stored.Id))
            {
                await _documents.DeleteAsync(stored.Id, projectId, cancellationToken);
            }
        }

        foreach (var (id, (year, items)) in wanted)
        {
            var stored = await _documents.GetAsync(id, projectId, cancellationToken);
            var keep = items.Select(i => i.StoryId).ToHashSet(StringComparer.Ordinal);
            var changes = items.Select(i => (i.StoryId, (BacklogFlowItem?)i))
                .Concat((stored?.Items ?? []).Where(i => !keep.Contains(i.StoryId)).Select(i => (i.StoryId, (BacklogFlowItem?)null)))
                .ToList();
            if (changes.Count > 0)
            {
                await SetAsync(projectId, id, year, changes, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The stories finished in each of the months given (consecutive, oldest first) and the stories in progress: the
    /// year documents the months fall in and the work in progress, read at once (point reads).
    /// </summary>
    public async Task<BacklogFlowData> ReadAsync(string projectId, IReadOnlyList<string> months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(months);
        var reads = months.Select(BacklogFlowDocument.YearOf).Distinct(StringComparer.Ordinal)
            .Select(y => _documents.GetAsync(BacklogFlowDocument.YearId(y), projectId, cancellationToken)).ToList();
        var wipRead = _documents.GetAsync(BacklogFlowDocument.WipId, projectId, cancellationToken);
        var finished = (await Task.WhenAll(reads)).SelectMany(d => d?.Items ?? [])
            .Where(i => i.FinishedAt is not null)
            .ToLookup(i => FlowCalculator.MonthOf(i.FinishedAt!.Value), StringComparer.Ordinal);
        var wip = await wipRead;
        return new BacklogFlowData(months.Select(m => new BacklogFlowMonth(m, finished[m].ToList())).ToList(), wip?.Items ?? []);
    }

    private async Task SetAsync(string projectId, string id, string? year, IReadOnlyList<(string StoryId, BacklogFlowItem? Item)> changes, CancellationToken cancellationToken)
    {
        var changed = changes.Select(c => c.StoryId).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var stored = await _documents.GetAsync(id, projectId, cancellationToken);
            var items = (stored?.Items ?? []).Where(i => !changed.Contains(i.StoryId))
                .Concat(changes.Where(c => c.Item is not null).Select(c => c.Item!))
                .OrderBy(i => i.StoryId, StringComparer.Ordinal).ToList();
            if (stored is not null && stored.Items.SequenceEqual(items))
            {
                return;
            }

            var next = (stored ?? new BacklogFlowDocument { Id = id, ProjectId = projectId, Year = year }) with { Items = items };
            var written = stored is null ? await _documents.TryCreateAsync(next, cancellationToken) : await _documents.TryReplaceAsync(next, cancellationToken) is not null;
            if (written)
            {
                return;
            }
        }
    }

    /// <summary>The year (UTC) an instant falls in, as its month does in <see cref="FlowCalculator.MonthOf"/>.</summary>
    private static string YearOf(DateTimeOffset at) => BacklogFlowDocument.YearOf(FlowCalculator.MonthOf(at));
}
