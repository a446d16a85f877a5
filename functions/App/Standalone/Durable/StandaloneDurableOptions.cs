using Azure.Core;
using static Microsoft.DurableTask.Worker.DurableTaskWorkerOptions;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>
/// Settings for the standalone durable engine: the Durable Task SDK worker and client running against
/// DurableTask.AzureStorage (Azurite locally) through an in-process gRPC sidecar, in place of the Functions host.
/// </summary>
/// <remarks>
/// The names follow the Durable Functions extension's host.json <c>durableTask</c> section where there is one, so a
/// setting can be carried between the two without translation.
/// </remarks>
public sealed class StandaloneDurableOptions
{
    /// <summary>Task hub name: 3-45 letters and digits, starting with a letter (it names the queues, tables and blob containers).</summary>
    public string TaskHubName { get; set; } = "DeliveryLocal";

    /// <summary>Azure Storage connection string for the task hub; Azurite by default.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// Number of control-queue partitions. Fixed when the task hub is first created: a later value is ignored for an
    /// existing hub. 4 is the Azure Storage provider's default.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Longest wait between polls of an idle queue. The provider backs off towards this value when queues are empty,
    /// so it bounds how long the first message after a quiet spell waits. The Azure default is 30 s, which makes a
    /// local run feel stuck; 1 s keeps Azurite traffic low while staying responsive (see README for measurements).
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most activity work items run at once by this process (sidecar dispatcher and SDK worker alike).</summary>
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Most orchestration work items run at once by this process (sidecar dispatcher and SDK worker alike).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Uses the Azure Tables partition manager, as the Durable Functions extension does by default, rather than the
    /// older blob-lease one.
    /// </summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>
    /// How long a partition stays owned without renewal. After a killed process, a new one waits up to this long
    /// before it takes the partitions over, so it is shorter than the Azure default (30 s) for quick local recovery.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often owned partition leases are renewed; must be well under <see cref="LeaseInterval"/>.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the process looks for partitions to acquire (a free or expired lease is taken at the next tick).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a dequeued control-queue message (an orchestration's event) stays invisible before it is delivered
    /// again. After a killed process, the messages it had dequeued wait this long; the provider's default is 5 minutes
    /// (host.json <c>storageProvider.controlQueueVisibilityTimeout</c>).
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The same for a dequeued activity message: an activity a killed process had taken (or finished without
    /// recording) runs again only after this; 5 minutes by default (host.json
    /// <c>storageProvider.workItemQueueVisibilityTimeout</c>).
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Identifies this process in partition ownership. Defaults to the machine name, as in Azure; two engines in one
    /// process on one task hub need different values.
    /// </summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>
    /// Version given to new orchestrations (client starts and sub-orchestrations) and the version this worker runs.
    /// Null or empty turns versioning off: instances carry no version and any worker runs them.
    /// </summary>
    public string? DefaultVersion { get; set; }

    /// <summary>
    /// Which instance versions this worker runs. CurrentOrOlder (the Durable Functions default) lets a worker on the
    /// new version finish instances started on an older one, while an older worker leaves newer instances alone.
    /// </summary>
    public VersionMatchStrategy VersionMatchStrategy { get; set; } = VersionMatchStrategy.CurrentOrOlder;

    /// <summary>What happens to an instance whose version does not match: Reject (the default) leaves it for another worker.</summary>
    public VersionFailureStrategy VersionFailureStrategy { get; set; } = VersionFailureStrategy.Reject;

    /// <summary>
    /// Optional: called once for each of the blob, queue and table client options (<c>BlobClientOptions</c>,
    /// <c>QueueClientOptions</c>, <c>TableClientOptions</c>) of the storage clients DurableTask.AzureStorage uses,
    /// before the clients are made, e.g. to add an <see cref="Azure.Core.Pipeline.HttpPipelinePolicy"/> that counts
    /// the engine's requests (the benchmark does). Null (the default) leaves the provider's own clients unchanged.
    /// Read when the engine starts (and when it deletes its task hub).
    /// </summary>
    public Action<ClientOptions>? ConfigureStorageClientOptions { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(TaskHubName))
        {
            throw new ArgumentException("A task hub name is required.", nameof(TaskHubName));
        }

        if (string.IsNullOrWhiteSpace(StorageConnectionString))
        {
            throw new ArgumentException("A storage connection string is required.", nameof(StorageConnectionString));
        }

        if (PartitionCount is < 1 or > 16)
        {
            // The Azure Storage provider supports 1 to 16 control queues.
            throw new ArgumentOutOfRangeException(nameof(PartitionCount), PartitionCount, "Partition count must be 1 to 16.");
        }

        if (LeaseRenewInterval >= LeaseInterval)
        {
            throw new ArgumentException("Leases must be renewed more often than they expire.", nameof(LeaseRenewInterval));
        }
    }
}
