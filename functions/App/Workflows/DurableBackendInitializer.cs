using Delivery.Durable.Backends.Cosmos;

namespace Delivery.Functions.App.Workflows;

/// <summary>
/// Creates the durable runtime's containers, queue and blob container when missing. With work arriving through the
/// DurableWork trigger the worker's polling loop (which would do this) does not run.
/// </summary>
public sealed class DurableBackendInitializer(CosmosBackend backend, ILogger<DurableBackendInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await backend.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // As for the business stores: start anyway so health can say what is down; work is retried by the queue.
            logger.LogWarning(ex, "Could not create the durable task hub's resources at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
