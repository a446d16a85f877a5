using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// Large strings in Blob Storage under content-addressed names (instance, field, SHA-256 of the content): a retried
/// write produces the same name, so offloading is idempotent, and a stored blob never changes, so it can be cached.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container, int cacheEntries)
{
    private const long MaxCachedChars = 32 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private long _cachedChars;

    public BlobContainerClient Container => container;

    public static string BlobName(string instanceId, string field, string content) =>
        $"{CosmosIds.BlobPrefix(instanceId)}{field}/{CosmosIds.ContentHash(content)}";

    /// <summary>Stores <paramref name="content"/> unless this process already stored or read it; returns the blob name.</summary>
    public async Task<string> PutAsync(string instanceId, string field, string content, CancellationToken cancellationToken)
    {
        var name = BlobName(instanceId, field, content);
        if (_cache.ContainsKey(name))
        {
            return name;
        }

        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true, cancellationToken);
        Remember(name, content);
        return name;
    }

    public async Task<string> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
        var content = result.Value.Content.ToString();
        Remember(name, content);
        return content;
    }

    /// <summary>Deletes every blob under the prefix; blobs already gone are fine (a retried purge).</summary>
    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            _cache.TryRemove(item.Name, out _);
            try
            {
                await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted by a concurrent purge: the goal is reached.
            }
        }
    }

    private void Remember(string name, string content)
    {
        if (_cache.Count >= cacheEntries || Interlocked.Read(ref _cachedChars) + content.Length > MaxCachedChars)
        {
            // Content-addressed entries never go stale; dropping them all only costs re-downloads.
            _cache.Clear();
            Interlocked.Exchange(ref _cachedChars, 0);
        }

        if (_cache.TryAdd(name, content))
        {
            Interlocked.Add(ref _cachedChars, content.Length);
        }
    }
}
