using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// Instance queries over the index buckets, one bucket at a time with its partition key (the local server has no
/// cross-partition query). Each matching entry is checked against the instance document, which is what the page
/// returns; entries found stale are repaired on the way.
/// </summary>
internal sealed class InstanceQuery(InstanceIndex index, CosmosInstanceStore store)
{
    private const int ReadParallelism = 16;

    public async Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Max(1, filter.PageSize);
        var position = Decode(filter.ContinuationToken);
        var bucket = position.Bucket;
        var continuation = position.Continuation;
        var results = new List<InstanceRecord>(pageSize);

        while (bucket < index.BucketCount && results.Count < pageSize)
        {
            var (entries, next) = await index.ReadBucketPageAsync(bucket, continuation, pageSize - results.Count, cancellationToken);
            var candidates = entries.Where(e => e.States.Exists(s => s.Matches(e.InstanceId, filter))).ToList();
            results.AddRange(await VerifyAsync(candidates, filter, cancellationToken));
            continuation = next;
            if (continuation is null)
            {
                bucket++;
            }
        }

        var token = bucket < index.BucketCount ? Encode(new Position(bucket, continuation)) : null;
        return new InstancePage(results, token);
    }

    private async Task<IEnumerable<InstanceRecord>> VerifyAsync(List<IndexDocument> candidates, InstanceFilter filter, CancellationToken cancellationToken)
    {
        var records = new InstanceRecord?[candidates.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, candidates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, ct) => records[i] = await VerifyOneAsync(candidates[i], filter, ct));
        return records.OfType<InstanceRecord>();
    }

    private async Task<InstanceRecord?> VerifyOneAsync(IndexDocument entry, InstanceFilter filter, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(entry.InstanceId, cancellationToken);
        if (record is null)
        {
            // The instance was purged after (or while) its entry was written.
            await index.DeleteAsync(entry.InstanceId, entry.ETag, cancellationToken);
            return null;
        }

        var actual = IndexState.From(record);
        if (entry.States.Count != 1 || entry.States[0] != actual)
        {
            // Left by a crash between commit and index update; conditional so a newer writer's entry is kept.
            await index.UpsertAsync(entry.InstanceId, [actual], entry.ETag, cancellationToken);
        }

        return actual.Matches(record.InstanceId, filter) ? record : null;
    }

    private static string Encode(Position position) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));

    private static Position Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new Position(0, null);
        }

        try
        {
            return JsonSerializer.Deserialize<Position>(Base64Url.DecodeFromChars(token)) ?? new Position(0, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), ex);
        }
    }

    private sealed record Position(
        [property: JsonPropertyName("b")] int Bucket,
        [property: JsonPropertyName("c")] string? Continuation);
}
