using System.Net;
using System.Text.Json;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Backlog;

/// <summary>What a move did: the story as stored, the missing readiness by field when it was refused, whether it changed anything.</summary>
public sealed record MoveResult(StoryRecord? Story, IReadOnlyDictionary<string, string[]> Missing, bool Changed);

/// <summary>What importing a row did to the backlog.</summary>
public enum ImportOutcome
{
    Created,
    Updated,
    AlreadyThere,
}

/// <summary>An imported row's item as stored, its flow before the import, and what the import did.</summary>
public sealed record ImportedStory(StoryRecord Story, StoryFlow Before, ImportOutcome Outcome);

/// <summary>A digital service's backlog, in its project's partition, and the team's flow summaries kept in line with it.</summary>
public sealed class BacklogRepository(Database database, BacklogFlowSummary flow)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ProjectPartition<StoryRecord> _stories = new(database);

    /// <summary>
    /// Creates the item or records a new version of its content (status and transitions kept); a retry of the same
    /// content changes nothing. A story that is ready must stay ready: content that would take that away is refused.
    /// </summary>
    /// <returns>The saved item, or null with what is missing when the change would leave a ready story not ready.</returns>
    public async Task<(SavedRecord<StoryRecord>? Saved, IReadOnlyDictionary<string, string[]> Missing)> SaveAsync(StoryRecord story, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        var missing = Readiness.Missing(story.Kind, story.UserNeed, story.AcceptanceCriteria);
        var (saved, _) = await _stories.SaveAsync(story, by, at, current => current?.Status == StoryStatus.Ready && missing.Count > 0 ? "not ready" : null, cancellationToken);
        if (saved is null)
        {
            return (null, missing);
        }

        if (saved.Changed)
        {
            // Content never changes a story's transitions, but a story made an epic (or back) leaves (or joins) the
            // team's flow: its flow as a story is taken out and its flow as what it is now put in.
            var asStory = StoryFlow.Of(saved.Record.Transitions);
            await flow.ApplyAsync(story.ProjectId, story.StoryId, asStory, StoryFlow.Of(saved.Record), cancellationToken);
        }

        return (saved, new Dictionary<string, string[]>());
    }

    public Task<StoryRecord?> GetAsync(string projectId, string storyId, CancellationToken cancellationToken) =>
        _stories.GetAsync(StoryRecord.IdFor(storyId), projectId, cancellationToken);

    /// <summary>
    /// Moves the item to <paramref name="status"/> at <paramref name="at"/>, keeping the transition, unless it is there
    /// already (nothing changes, so a retry adds no transition). Moving to Ready checks readiness and refuses,
    /// naming what is missing. The flow summaries are brought in line even when the move was already made, so a
    /// writer that stopped half way is finished by a retry.
    /// </summary>
    /// <returns>Null story when there is no such item.</returns>
    public async Task<MoveResult> MoveAsync(string projectId, string storyId, StoryStatus status, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetAsync(projectId, storyId, cancellationToken);
            if (current is null)
            {
                return new MoveResult(null, new Dictionary<string, string[]>(), false);
            }

            if (current.Status == status)
            {
                var flowNow = StoryFlow.Of(current);
                await flow.ApplyAsync(projectId, storyId, flowNow, flowNow, cancellationToken);
                return new MoveResult(current, new Dictionary<string, string[]>(), false);
            }

            if (status == StoryStatus.Ready && Readiness.Missing(current.Kind, current.UserNeed, current.AcceptanceCriteria) is { Count: > 0 } missing)
            {
                return new MoveResult(current, missing, false);
            }

            var moved = current with
            {
                Status = status,
                Transitions = [.. current.Transitions, new StoryTransition(status, at)],
                Version = current.Version + 1,
                RecordedBy = by,
                RecordedAt = at,
            };
            if (await _stories.TryReplaceAsync(moved, cancellationToken) is { } stored)
            {
                await flow.ApplyAsync(projectId, storyId, StoryFlow.Of(current), StoryFlow.Of(stored), cancellationToken);
                return new MoveResult(stored, new Dictionary<string, string[]>(), true);
            }
        }
    }

    /// <summary>
    /// Stores an imported item as it is in the tool: created (version 1, its transitions from the file) when new; when
    /// an earlier export from the same tool brought it, replaced by the next version if anything differs, since the
    /// team keeps it in the tool. An item recorded here, or imported from the other tool, is left as it is.
    /// </summary>
    /// <returns>The item stored under the id, its flow before this call, and what this call did.</returns>
    public async Task<ImportedStory> ImportAsync(StoryRecord story, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        try
        {
            await _container.CreateItemAsync(story, new PartitionKey(story.ProjectId), cancellationToken: cancellationToken);
            return new(story, StoryFlow.None, ImportOutcome.Created);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // The last call of the change decides: the stored item it saw, and whether it replaced it.
            (StoryFlow Flow, bool Replaced) last = (StoryFlow.None, false);
            var stored = await _stories.UpdateAsync(story.Id, story.ProjectId, current =>
            {
                var replace = current.Source == story.Source && !SameAsImported(current, story);
                last = (StoryFlow.Of(current), replace);
                return replace ? story with { Version = current.Version + 1, ETag = current.ETag } : null;
            }, cancellationToken);
            return new(stored!, last.Flow, last.Replaced ? ImportOutcome.Updated : ImportOutcome.AlreadyThere);
        }
    }

    /// <summary>Whether the stored item says what the file's row says (who imported it, and when, aside).</summary>
    private static bool SameAsImported(StoryRecord stored, StoryRecord imported) =>
        JsonSerializer.Serialize(stored.Unstamped(), Json) == JsonSerializer.Serialize(imported.Unstamped(), Json);

    /// <summary>
    /// The top of the backlog: the first <paramref name="count"/> items in priority order (ties in any order), from
    /// one query that the database sorts, so a page does not read a backlog of thousands.
    /// </summary>
    public async Task<IReadOnlyList<StoryRecord>> TopAsync(string projectId, int count, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT TOP @count * FROM c WHERE c.projectId = @projectId AND c.type = @type ORDER BY c.priority")
            .WithParameter("@count", count)
            .WithParameter("@projectId", projectId)
            .WithParameter("@type", StoryRecord.DocumentType);
        return await PartitionQuery.WithLookupRetryAsync(async () =>
        {
            var items = new List<StoryRecord>();
            using var iterator = _container.GetItemQueryIterator<StoryRecord>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(projectId), MaxItemCount = count });
            while (iterator.HasMoreResults && items.Count < count)
            {
                items.AddRange(await iterator.ReadNextAsync(cancellationToken));
            }

            return (IReadOnlyList<StoryRecord>)items.OrderBy(s => s.Priority).ThenBy(s => s.StoryId, StringComparer.Ordinal).Take(count).ToList();
        }, cancellationToken);
    }

    /// <summary>The backlog in priority order (then by id).</summary>
    public async Task<IReadOnlyList<StoryRecord>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<StoryRecord>(_container, projectId, StoryRecord.DocumentType, cancellationToken))
            .OrderBy(s => s.Priority).ThenBy(s => s.StoryId, StringComparer.Ordinal).ToList();
}
