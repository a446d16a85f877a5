using Delivery.Durable.Backends;
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

[Trait("Category", "Cosmos")]
public sealed class CosmosInstanceStoreContractTests : BackendContractTests
{
    private readonly CosmosTestHub _hub = new("store");

    protected override Task<ITaskHubBackend> CreateBackendAsync() => Task.FromResult<ITaskHubBackend>(_hub.Create());

    public override Task DisposeAsync() => _hub.DeleteAsync();
}

[Trait("Category", "Cosmos")]
public sealed class CosmosQueryContractTests : BackendQueryContractTests
{
    private readonly CosmosTestHub _hub = new("query", o => o.IndexBucketCount = 4);

    protected override Task<ITaskHubBackend> CreateBackendAsync() => Task.FromResult<ITaskHubBackend>(_hub.Create());

    public override Task DisposeAsync() => _hub.DeleteAsync();
}

[Trait("Category", "Cosmos")]
public sealed class CosmosQueueContractTests : BackendQueueContractTests
{
    private readonly CosmosTestHub _hub = new("queue");

    protected override Task<ITaskHubBackend> CreateBackendAsync() => Task.FromResult<ITaskHubBackend>(_hub.Create());

    public override Task DisposeAsync() => _hub.DeleteAsync();
}
