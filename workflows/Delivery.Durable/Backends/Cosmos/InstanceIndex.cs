using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>Reads and writes index entries (container <c>durable-index</c>, partition key <c>/bucket</c>).</summary>
internal sealed class InstanceIndex(Container container, int bucketCount)
{
    public Container Container => container;

    public int BucketCount => bucketCount;

    public string BucketOf(string instanceId) =>
        CosmosIds.Bucket(instanceId, bucketCount).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the entry (idempotent). With <paramref name="ifMatch"/>, only over that version (false on conflict).</summary>
    public async Task<bool> UpsertAsync(string instanceId, IEnumerable<IndexState> states, string? ifMatch, CancellationToken cancellationToken)
    {
        var bucket = BucketOf(instanceId);
        var document = new IndexDocument
        {
            Id = CosmosIds.DocumentId(instanceId),
            Bucket = bucket,
            InstanceId = instanceId,
            States = states.Distinct().ToList(),
        };

        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, InstanceDocumentMapper.Json));
        var requestOptions = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var response = ifMatch is null
            ? await container.UpsertItemStreamAsync(stream, new PartitionKey(bucket), requestOptions, cancellationToken)
            : await container.ReplaceItemStreamAsync(stream, document.Id, new PartitionKey(bucket), requestOptions, cancellationToken);
        if (ifMatch is not null && response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task<IndexDocument?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(
            CosmosIds.DocumentId(instanceId), new PartitionKey(BucketOf(instanceId)), cancellationToken: cancellationToken);
        if (CosmosResponses.IsNotFound(response))
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync<IndexDocument>(response.Content, InstanceDocumentMapper.Json, cancellationToken);
        document!.ETag = response.Headers.ETag;
        return document;
    }

    /// <summary>Deletes the entry; with <paramref name="ifMatch"/> only that version. Missing entries are fine.</summary>
    public async Task DeleteAsync(string instanceId, string? ifMatch, CancellationToken cancellationToken)
    {
        using var response = await container.DeleteItemStreamAsync(
            CosmosIds.DocumentId(instanceId),
            new PartitionKey(BucketOf(instanceId)),
            new ItemRequestOptions { IfMatchEtag = ifMatch },
            cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed))
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>One page of index entries of one bucket (single-partition query, no cross-partition needed).</summary>
    /// <remarks>
    /// The index container exists from start-up, so a 404 from the query is tried again a few times before it is
    /// believed: the local Cosmos server reuses the resource ids of deleted containers, and while another database
    /// is being dropped its partition-key-range lookup can miss for a moment.
    /// </remarks>
    public async Task<(List<IndexDocument> Documents, string? Continuation)> ReadBucketPageAsync(
        int bucket, string? continuation, int maxItems, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await QueryBucketPageAsync(bucket, continuation, maxItems, cancellationToken);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound && attempt < 4)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private async Task<(List<IndexDocument> Documents, string? Continuation)> QueryBucketPageAsync(
        int bucket, string? continuation, int maxItems, CancellationToken cancellationToken)
    {
        var bucketKey = bucket.ToString(CultureInfo.InvariantCulture);
        using var iterator = container.GetItemQueryStreamIterator(
            // The local server wants the partition key in the query text, not only in the request options.
            new QueryDefinition("SELECT * FROM c WHERE c.bucket = @bucket").WithParameter("@bucket", bucketKey),
            continuation,
            new QueryRequestOptions { PartitionKey = new PartitionKey(bucketKey), MaxItemCount = maxItems });
        if (!iterator.HasMoreResults)
        {
            return ([], null);
        }

        using var response = await iterator.ReadNextAsync(cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        var documents = json.RootElement.GetProperty("Documents").EnumerateArray()
            .Select(e => e.Deserialize<IndexDocument>(InstanceDocumentMapper.Json)!)
            .ToList();
        return (documents, response.ContinuationToken);
    }
}
