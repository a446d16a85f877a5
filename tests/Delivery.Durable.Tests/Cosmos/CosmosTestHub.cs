using Delivery.Durable.Backends.Cosmos;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>Creates a Cosmos backend on names of its own and removes them afterwards.</summary>
internal sealed class CosmosTestHub(string prefix, Action<CosmosTaskHubOptions>? configure = null)
{
    public CosmosTaskHubOptions Options { get; } = Configure(LocalServices.UniqueOptions(prefix), configure);

    public CosmosBackend Create(TimeProvider? time = null) =>
        new(LocalServices.Cosmos, LocalServices.Queues(), LocalServices.Blobs(), Options, time);

    public Task DeleteAsync() => LocalServices.DeleteAsync(Options);

    private static CosmosTaskHubOptions Configure(CosmosTaskHubOptions options, Action<CosmosTaskHubOptions>? configure)
    {
        configure?.Invoke(options);
        return options;
    }
}
