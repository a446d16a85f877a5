using Delivery.Durable.Backends.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>Creates a Cosmos backend on names of its own and removes them afterwards.</summary>
/// <remarks>
/// Each hub has its own <see cref="CosmosClient"/>: the local server reuses resource ids of deleted containers, and a
/// client shared across tests could route a query with a partition-key-range cache of a container that is gone.
/// </remarks>
internal sealed class CosmosTestHub(string prefix, Action<CosmosTaskHubOptions>? configure = null)
{
    private readonly Lazy<CosmosClient> _cosmos = new(() => LocalServices.CreateCosmosClient());

    public CosmosTaskHubOptions Options { get; } = Configure(LocalServices.UniqueOptions(prefix), configure);

    public CosmosClient Cosmos => _cosmos.Value;

    public CosmosBackend Create(TimeProvider? time = null) =>
        new(Cosmos, LocalServices.Queues(), LocalServices.Blobs(), Options, time);

    public async Task DeleteAsync()
    {
        await LocalServices.DeleteAsync(Options);
        if (_cosmos.IsValueCreated)
        {
            _cosmos.Value.Dispose();
        }
    }

    private static CosmosTaskHubOptions Configure(CosmosTaskHubOptions options, Action<CosmosTaskHubOptions>? configure)
    {
        configure?.Invoke(options);
        return options;
    }
}
