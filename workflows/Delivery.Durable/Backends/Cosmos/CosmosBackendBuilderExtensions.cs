using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// <c>builder.UseCosmosBackend(o =&gt; …)</c> on the worker and client builders. The backend takes the app's singleton
/// <see cref="CosmosClient"/>, <see cref="QueueServiceClient"/> (default message encoding: the queue base64-encodes
/// bodies itself) and <see cref="BlobServiceClient"/> from the service provider.
/// </summary>
public static class CosmosBackendBuilderExtensions
{
    public static IDurableTaskWorkerBuilder UseCosmosBackend(this IDurableTaskWorkerBuilder builder, Action<CosmosTaskHubOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBackend(sp => Create(sp, configure));
    }

    public static IDurableTaskClientBuilder UseCosmosBackend(this IDurableTaskClientBuilder builder, Action<CosmosTaskHubOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBackend(sp => Create(sp, configure));
    }

    private static CosmosBackend Create(IServiceProvider services, Action<CosmosTaskHubOptions>? configure)
    {
        var options = new CosmosTaskHubOptions();
        configure?.Invoke(options);
        return new CosmosBackend(
            services.GetRequiredService<CosmosClient>(),
            services.GetRequiredService<QueueServiceClient>(),
            services.GetRequiredService<BlobServiceClient>(),
            options,
            services.GetService<TimeProvider>());
    }
}
