using Delivery.Durable.Backends;
using Delivery.Durable.Backends.InMemory;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>The backend contract on the in-memory backend, so both backends are held to the same rules.</summary>
public sealed class InMemoryInstanceStoreContractTests : BackendContractTests
{
    protected override Task<ITaskHubBackend> CreateBackendAsync() => Task.FromResult<ITaskHubBackend>(new InMemoryBackend(TimeProvider.System));
}

public sealed class InMemoryQueryContractTests : BackendQueryContractTests
{
    protected override Task<ITaskHubBackend> CreateBackendAsync() => Task.FromResult<ITaskHubBackend>(new InMemoryBackend(TimeProvider.System));
}

public sealed class InMemoryQueueContractTests : BackendQueueContractTests
{
    protected override Task<ITaskHubBackend> CreateBackendAsync() => Task.FromResult<ITaskHubBackend>(new InMemoryBackend(TimeProvider.System));
}
