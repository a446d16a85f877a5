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
        var newMonth = after.FinishedAt is { } f ? FlowCalculator.MonthOf(f) : null;
        if (before.FinishedAt is { } b && FlowCalculator.MonthOf(b) is var oldMonth && oldMonth != newMonth)
        {
            await SetAsync(projectId, BacklogFlowDocument.MonthId(oldMonth), oldMonth, [(storyId, null)], cancellationToken);
        }

        if (newMonth is not null)
        {
            await SetAsync(projectId, BacklogFlowDocument.MonthId(newMonth), newMonth, [(storyId, item)], cancellationToken);
        }

        if (before.InProgress || after.InProgress)
        {
            await SetAsync(projectId, BacklogFlowDocument.WipId, null, [(storyId, after.InProgress ? item with { FinishedAt = null } : null)], cancellationToken);
        }
    }

    /// <summary>Adds many stories' flow at once (an import): one write per month document and one for work in progress.</summary>
    public async Task AddAsync(string projectId, IReadOnlyList<(string StoryId, StoryFlow Flow)> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        foreach (var month in stories.Where(s => s.Flow.FinishedAt is not null).GroupBy(s => FlowCalculator.MonthOf(s.Flow.FinishedAt!.Value)))
        {
            await SetAsync(projectId, BacklogFlowDocument.MonthId(month.Key), month.Key, month.Select(s => (s.StoryId, (BacklogFlowItem?)new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, s.Flow.FinishedAt))).ToList(), cancellationToken);
        }

        var wip = stories.Where(s => s.Flow.InProgress).Select(s => (s.StoryId, (BacklogFlowItem?)new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, null))).ToList();
        if (wip.Count > 0)
        {
            await SetAsync(projectId, BacklogFlowDocument.WipId, null, wip, cancellationToken);
        }
    }

    /// <summary>
    /// Rewrites the team's summaries from its stories' flow (the views rebuild): each month document and work in
    /// progress holds exactly the stories given, and a document left with none is emptied.
    /// </summary>
    public async Task RebuildAsync(string projectId, IReadOnlyList<(string StoryId, StoryFlow Flow)> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var wanted = stories.Where(s => s.Flow.FinishedAt is not null)
            .GroupBy(s => FlowCalculator.MonthOf(s.Flow.FinishedAt!.Value))
            .ToDictionary(g => BacklogFlowDocument.MonthId(g.Key), g => (Month: (string?)g.Key, Items: g.Select(s => new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, s.Flow.FinishedAt)).ToList()), StringComparer.Ordinal);
        wanted[BacklogFlowDocument.WipId] = (null, stories.Where(s => s.Flow.InProgress).Select(s => new BacklogFlowItem(s.StoryId, s.Flow.StartedAt, null)).ToList());
        var container = database.GetContainer(DataContainers.Projects);
        foreach (var stored in await PartitionQuery.ListAsync<BacklogFlowDocument>(container, projectId, BacklogFlowDocument.DocumentType, cancellationToken))
        {
            wanted.TryAdd(stored.Id, (stored.Month, []));
        }

        foreach (var (id, (month, items)) in wanted)
        {
            var stored = await _documents.GetAsync(id, projectId, cancellationToken);
            var keep = items.Select(i => i.StoryId).ToHashSet(StringComparer.Ordinal);
            var changes = items.Select(i => (i.StoryId, (BacklogFlowItem?)i))
                .Concat((stored?.Items ?? []).Where(i => !keep.Contains(i.StoryId)).Select(i => (i.StoryId, (BacklogFlowItem?)null)))
                .ToList();
            if (changes.Count > 0)
            {
                await SetAsync(projectId, id, month, changes, cancellationToken);
            }
        }
    }

    /// <summary>The month documents for the months given and the work in progress, read at once (point reads).</summary>
    public async Task<BacklogFlowData> ReadAsync(string projectId, IReadOnlyList<string> months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(months);
        var reads = months.Select(m => _documents.GetAsync(BacklogFlowDocument.MonthId(m), projectId, cancellationToken)).ToList();
        var wipRead = _documents.GetAsync(BacklogFlowDocument.WipId, projectId, cancellationToken);
        var found = await Task.WhenAll(reads);
        var wip = await wipRead;
        return new BacklogFlowData(
            months.Select((m, i) => found[i] ?? Empty(projectId, BacklogFlowDocument.MonthId(m), m)).ToList(),
            wip ?? Empty(projectId, BacklogFlowDocument.WipId, null));
    }

    private async Task SetAsync(string projectId, string id, string? month, IReadOnlyList<(string StoryId, BacklogFlowItem? Item)> changes, CancellationToken cancellationToken)
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

            var next = (stored ?? Empty(projectId, id, month)) with { Items = items };
            var written = stored is null ? await _documents.TryCreateAsync(next, cancellationToken) : await _documents.TryReplaceAsync(next, cancellationToken) is not null;
            if (written)
            {
                return;
            }
        }
    }

    private static BacklogFlowDocument Empty(string projectId, string id, string? month) => new() { Id = id, ProjectId = projectId, Month = month };
}
