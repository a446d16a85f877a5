using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

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
