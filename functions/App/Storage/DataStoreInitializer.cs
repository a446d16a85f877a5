using Azure.Storage.Blobs;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Storage;

/// <summary>
/// Creates the database, containers and blob containers that are missing, before the app takes requests.
/// In Azure they already exist (infra/ declares them) and each call is a cheap no-op.
/// </summary>
/// <remarks>
/// If a service is down at start-up the app still starts (so health can say what is down) and keeps trying in
/// the background until everything exists.
/// </remarks>
public sealed class DataStoreInitializer(
    CosmosClient cosmos,
    IOptions<CosmosSettings> cosmosSettings,
    BlobServiceClient blobs,
    ILogger<DataStoreInitializer> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateMissingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not create storage resources at start-up; retrying in the background");
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null)
        {
            await _retrying.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(2); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60)))
        {
            await Task.Delay(delay, stoppingToken);
            try
            {
                await CreateMissingAsync(stoppingToken);
                logger.LogInformation("Storage resources created after an earlier failure");
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Still cannot create storage resources");
            }
        }
    }

    private async Task CreateMissingAsync(CancellationToken cancellationToken)
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
    }
}
