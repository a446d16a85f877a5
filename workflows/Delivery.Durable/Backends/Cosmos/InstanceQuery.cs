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

    // Fixed, so that a token's index page is the same page when it is read again.
    private const int IndexPageSize = 100;

    public async Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Max(1, filter.PageSize);
        var (bucket, continuation, skip) = Decode(filter.ContinuationToken);
        var results = new List<InstanceRecord>(pageSize);

        // Reads go one index page at a time; a page that fills up stops at the first further match, whose place
        // (bucket, index page, position) becomes the token, so the last page is never followed by an empty one.
        while (bucket < index.BucketCount)
        {
            var (entries, next) = await index.ReadBucketPageAsync(bucket, continuation, IndexPageSize, cancellationToken);
            var candidates = entries.Select((Entry, Position) => (Entry, Position))
                .Skip(skip)
                .Where(c => c.Entry.States.Exists(s => s.Matches(c.Entry.InstanceId, filter)))
                .ToList();
            while (candidates.Count > 0)
            {
                var chunk = candidates.Take(pageSize - results.Count + 1).ToList();
                candidates.RemoveRange(0, chunk.Count);
                var verified = await VerifyAsync(chunk.ConvertAll(c => c.Entry), filter, cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (verified[i] is not { } record)
                    {
                        continue;
                    }

                    if (results.Count == pageSize)
                    {
                        return new InstancePage(results, Encode(new Position(bucket, continuation, chunk[i].Position)));
                    }

                    results.Add(record);
                }
            }

            skip = 0;
            continuation = next;
            if (continuation is null)
            {
                bucket++;
            }
        }

        return new InstancePage(results, null);
    }

    /// <summary>Checks entries against their instance documents, in parallel; null where the entry was stale.</summary>
    private async Task<InstanceRecord?[]> VerifyAsync(List<IndexDocument> candidates, InstanceFilter filter, CancellationToken cancellationToken)
    {
        var records = new InstanceRecord?[candidates.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, candidates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, ct) => records[i] = await VerifyOneAsync(candidates[i], filter, ct));
        return records;
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
            return new Position(0, null, 0);
        }

        try
        {
            return JsonSerializer.Deserialize<Position>(Base64Url.DecodeFromChars(token)) ?? new Position(0, null, 0);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), ex);
        }
    }

    private sealed record Position(
        [property: JsonPropertyName("b")] int Bucket,
        [property: JsonPropertyName("c")] string? Continuation,
        [property: JsonPropertyName("s")] int Skip);
}
