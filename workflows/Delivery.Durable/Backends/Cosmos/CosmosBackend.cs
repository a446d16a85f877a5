using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// The production task hub: instances in Cosmos DB, work in one Storage queue, large payloads in Blob Storage.
/// Any number of worker processes can share it; correctness rests on ETag-guarded commits, not on locks.
/// </summary>
/// <remarks>
/// Works within the local Cosmos server's limits: every request names its partition key (no cross-partition
/// query) and no transactional batch is used. Queue messages are base64-encoded, as the Functions queue trigger
/// expects by default.
/// </remarks>
public sealed class CosmosBackend : ITaskHubBackend
{
    private readonly CosmosClient _cosmos;
    private readonly CosmosTaskHubOptions _options;
    private readonly BlobContainerClient _payloadContainer;
    private readonly QueueClient _queue;

    public CosmosBackend(CosmosClient cosmos, QueueServiceClient queues, BlobServiceClient blobs, CosmosTaskHubOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cosmos);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _cosmos = cosmos;
        _options = options;
        _payloadContainer = blobs.GetBlobContainerClient(options.PayloadContainerName);
        _queue = queues.GetQueueClient(options.WorkQueueName);

        var database = cosmos.GetDatabase(options.DatabaseName);
        var payloads = new PayloadStore(_payloadContainer, options.PayloadCacheEntries);
        var indexContainer = database.GetContainer(options.IndexContainerName);
        var index = new InstanceIndex(indexContainer, options.IndexBucketCount);
        CosmosInstances = new CosmosInstanceStore(database.GetContainer(options.InstancesContainerName), index, payloads, options);
        StorageQueue = new StorageWorkQueue(_queue, _payloadContainer, options, timeProvider ?? TimeProvider.System);
        CosmosPoison = new CosmosPoisonStore(indexContainer, payloads, options);
    }

    public IInstanceStore Instances => CosmosInstances;

    public IWorkQueue WorkQueue => StorageQueue;

    public IPoisonStore Poison => CosmosPoison;

    public CosmosInstanceStore CosmosInstances { get; }

    /// <summary>The queue, with <see cref="StorageWorkQueue.ReadBodyAsync"/> for messages delivered by the Functions host.</summary>
    public StorageWorkQueue StorageQueue { get; }

    public CosmosPoisonStore CosmosPoison { get; }

    public CosmosTaskHubOptions Options => _options;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var database = (await _cosmos.CreateDatabaseIfNotExistsAsync(_options.DatabaseName, cancellationToken: cancellationToken)).Database;
        await database.CreateContainerIfNotExistsAsync(
            new ContainerProperties(_options.InstancesContainerName, CosmosTaskHubOptions.InstancesPartitionKeyPath), cancellationToken: cancellationToken);
        await database.CreateContainerIfNotExistsAsync(
            new ContainerProperties(_options.IndexContainerName, CosmosTaskHubOptions.IndexPartitionKeyPath), cancellationToken: cancellationToken);
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _payloadContainer.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
