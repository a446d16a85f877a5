using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Storage;

/// <summary>
/// Creates the database, containers, queues and blob containers that are missing, before the app takes requests.
/// In Azure they already exist (infra/ declares them) and each call is a cheap no-op.
/// </summary>
public sealed class DataStoreInitializer(
    CosmosClient cosmos,
    IOptions<CosmosSettings> cosmosSettings,
    BlobServiceClient blobs,
    QueueServiceClient queues) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = (await cosmos.CreateDatabaseIfNotExistsAsync(cosmosSettings.Value.Database, cancellationToken: cancellationToken)).Database;
        foreach (var (name, partitionKeyPath) in DataContainers.All)
        {
            await database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, partitionKeyPath), cancellationToken: cancellationToken);
        }

        foreach (var name in BlobContainers.All)
        {
            await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var name in QueueNames.All)
        {
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queues.GetQueueClient(QueueNames.PoisonOf(name)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
