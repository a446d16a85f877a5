using System.Collections.Concurrent;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// Instances as one Cosmos document each (container <c>durable-instances</c>, partition key <c>/instanceId</c>):
/// a commit is one <c>ReplaceItem</c> guarded by <c>IfMatchEtag</c>, so status, history and pending events change
/// together or not at all.
/// </summary>
/// <remarks>
/// <para>The index entry used by queries is written before the commit, only when status, custom status, name or
/// creation time change, with both the state as read and the new one: whether or not the commit then succeeds (or
/// the process dies), the entry matches the instance's true state, so a query never misses an instance. Queries check
/// each matching entry against the instance document, skip it when only the other state matched, and narrow it to
/// the true state. One index write per status change, none for turns that change no status. After a refused commit
/// (412) the entry is rewritten from the document, undoing a stale writer's pre-write.</para>
/// <para>Creation writes the document first and the index entry after it; if a process dies in between, the entry
/// appears at the instance's first status change (its first turn) or when the create is retried.</para>
/// </remarks>
public sealed class CosmosInstanceStore : IInstanceStore
{
    private const int MaxKnownStates = 100_000;
    private readonly Container _container;
    private readonly InstanceIndex _index;
    private readonly PayloadStore _payloads;
    private readonly InstanceDocumentMapper _mapper;
    private readonly InstanceQuery _query;

    // The index state last seen for an instance at a given ETag: lets a commit skip index writes when nothing
    // queryable changed, without reading the index entry.
    private readonly ConcurrentDictionary<string, (string ETag, IndexState State)> _known = new(StringComparer.Ordinal);

    internal CosmosInstanceStore(Container container, InstanceIndex index, PayloadStore payloads, CosmosTaskHubOptions options)
    {
        _container = container;
        _index = index;
        _payloads = payloads;
        _mapper = new InstanceDocumentMapper(payloads, options);
        _query = new InstanceQuery(index, this);
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var response = await _container.ReadItemStreamAsync(
            CosmosIds.DocumentId(instanceId), new PartitionKey(instanceId), cancellationToken: cancellationToken);
        if (CosmosResponses.IsNotFound(response))
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var record = await _mapper.ToRecordAsync(InstanceDocumentMapper.Parse(response.Content), response.Headers.ETag, cancellationToken);
        Remember(record);
        return record;
    }

    public async Task<bool> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var stream = new MemoryStream(await _mapper.ToDocumentBytesAsync(record, cancellationToken));
        using var response = await _container.CreateItemStreamAsync(
            stream, new PartitionKey(record.InstanceId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // A retried create whose first attempt may have died before writing the index entry.
            await RepairIndexAsync(record.InstanceId, cancellationToken);
            return false;
        }

        response.EnsureSuccessStatusCode();
        record.ETag = response.Headers.ETag;
        await _index.UpsertAsync(record.InstanceId, [IndexState.From(record)], null, cancellationToken);
        Remember(record);
        return true;
    }

    public async Task<string?> TryCommitAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ETag is null)
        {
            throw new ArgumentException("A commit needs the ETag of the record it read.", nameof(record));
        }

        var newState = IndexState.From(record);
        var oldState = _known.TryGetValue(record.InstanceId, out var known) && known.ETag == record.ETag ? known.State : null;
        var indexChanges = oldState != newState;
        if (indexChanges)
        {
            var before = oldState is null
                ? (await _index.ReadAsync(record.InstanceId, cancellationToken))?.States ?? []
                : [oldState];
            await _index.UpsertAsync(record.InstanceId, [.. before, newState], null, cancellationToken);
        }

        using var stream = new MemoryStream(await _mapper.ToDocumentBytesAsync(record, cancellationToken));
        using var response = await _container.ReplaceItemStreamAsync(
            stream,
            CosmosIds.DocumentId(record.InstanceId),
            new PartitionKey(record.InstanceId),
            new ItemRequestOptions { IfMatchEtag = record.ETag, EnableContentResponseOnWrite = false },
            cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            _known.TryRemove(record.InstanceId, out _);
            if (indexChanges)
            {
                await RepairIndexAsync(record.InstanceId, cancellationToken);
            }

            return null;
        }

        response.EnsureSuccessStatusCode();
        record.ETag = response.Headers.ETag;
        if (indexChanges && oldState is null)
        {
            // The pre-write merged every state the entry had; narrow it so entries never grow.
            await _index.UpsertAsync(record.InstanceId, [newState], null, cancellationToken);
        }

        Remember(record);
        return record.ETag;
    }

    public Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken = default) =>
        _query.QueryAsync(filter, cancellationToken);

    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var response = await _container.DeleteItemStreamAsync(
            CosmosIds.DocumentId(instanceId), new PartitionKey(instanceId), cancellationToken: cancellationToken);
        var existed = response.StatusCode != HttpStatusCode.NotFound;
        if (existed)
        {
            response.EnsureSuccessStatusCode();
        }

        // Index entry and payloads go after the document, also when it was already gone: a purge that died halfway
        // is finished by its retry.
        _known.TryRemove(instanceId, out _);
        await _index.DeleteAsync(instanceId, null, cancellationToken);
        await _payloads.DeletePrefixAsync(CosmosIds.BlobPrefix(instanceId), cancellationToken);
        return existed;
    }

    /// <summary>Rewrites the index entry from the instance document (or removes it when the instance is gone).</summary>
    internal async Task RepairIndexAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await GetAsync(instanceId, cancellationToken);
        if (record is null)
        {
            await _index.DeleteAsync(instanceId, null, cancellationToken);
        }
        else
        {
            await _index.UpsertAsync(instanceId, [IndexState.From(record)], null, cancellationToken);
        }
    }

    private void Remember(InstanceRecord record)
    {
        if (_known.Count >= MaxKnownStates)
        {
            _known.Clear();
        }

        _known[record.InstanceId] = (record.ETag!, IndexState.From(record));
    }
}
