namespace Delivery.Durable.Backends.Cosmos;

/// <summary>Names and limits of a task hub on Cosmos DB, Storage queues and Blob Storage.</summary>
/// <remarks>
/// The defaults are the product's fixed names. Tests give each class its own database, queue and blob container
/// names so that runs sharing the local services never see each other's data.
/// </remarks>
public sealed class CosmosTaskHubOptions
{
    /// <summary>Partition key path of the instances container: one logical partition per instance.</summary>
    public const string InstancesPartitionKeyPath = "/instanceId";

    /// <summary>Partition key path of the index container: one logical partition per hash bucket.</summary>
    public const string IndexPartitionKeyPath = "/bucket";

    /// <summary>Cosmos database holding the instance and index containers.</summary>
    public string DatabaseName { get; set; } = "delivery";

    /// <summary>One document per instance (partition key <c>/instanceId</c>).</summary>
    public string InstancesContainerName { get; set; } = "durable-instances";

    /// <summary>One small index document per instance, spread over hash buckets (partition key <c>/bucket</c>).</summary>
    public string IndexContainerName { get; set; } = "durable-index";

    /// <summary>The one work queue.</summary>
    public string WorkQueueName { get; set; } = "durable-work";

    /// <summary>Blob container for payloads over <see cref="PayloadThresholdBytes"/> and oversized queue messages.</summary>
    public string PayloadContainerName { get; set; } = "durable-payloads";

    /// <summary>Index buckets; queries read them one at a time with the partition key set.</summary>
    public int IndexBucketCount { get; set; } = 16;

    /// <summary>Strings larger than this (UTF-8 bytes) are stored in Blob Storage with a reference in the document.</summary>
    public int PayloadThresholdBytes { get; set; } = 45 * 1024;

    /// <summary>
    /// Largest instance document written. Cosmos DB refuses documents over 2 MB; beyond this size the largest
    /// history entries are moved to Blob Storage too, whatever their size.
    /// </summary>
    public int MaxDocumentBytes { get; set; } = 1_500_000;

    /// <summary>Queue message bodies larger than this (UTF-8 bytes, before base64) go to Blob Storage behind a pointer message.</summary>
    public int MaxMessageBytes { get; set; } = 47 * 1024;

    /// <summary>
    /// Longest visibility delay given to one queue message (Storage queues allow 7 days). A longer delay is taken
    /// in hops: the message comes back early, is recognised as not yet due and is re-enqueued for the rest.
    /// </summary>
    public TimeSpan MaxTimerHop { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Payload blobs kept in memory (content-addressed, so never stale), to avoid downloading them every turn.</summary>
    public int PayloadCacheEntries { get; set; } = 1024;

    internal void Validate()
    {
        if (IndexBucketCount is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(IndexBucketCount), IndexBucketCount, "Use 1 to 1000 buckets.");
        }

        if (PayloadThresholdBytes < 1024 || MaxMessageBytes is < 1024 or > 48 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(PayloadThresholdBytes), "Payload and message thresholds must be at least 1 KB; messages at most 48 KB.");
        }

        if (MaxTimerHop <= TimeSpan.Zero || MaxTimerHop > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTimerHop), MaxTimerHop, "A timer hop must be positive and at most 7 days.");
        }
    }
}
