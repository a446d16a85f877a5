using Delivery.Durable.Backends;
using Delivery.Durable.Tests.Conformance;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>
/// The conformance suite on the Cosmos backend against the local services. Each test gets its own database, queue
/// and blob container (hosts of different tests must never take each other's messages). Azurite's queue runs on
/// real time, so "long" delays are short real ones.
/// </summary>
[Trait("Category", "Cosmos")]
public sealed class CosmosConformanceTests : DurableConformanceTests, IAsyncLifetime
{
    private readonly CosmosTestHub _hub = new("conf");

    protected override Func<IServiceProvider, ITaskHubBackend>? Backend => _ => _hub.Create();

    protected override bool UsesFakeClock => false;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _hub.DeleteAsync();
}
