using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>Gives each test a fresh backend from the subclass and disposes of it afterwards.</summary>
public abstract class BackendTestBase : IAsyncLifetime
{
    private ITaskHubBackend? _backend;

    protected ITaskHubBackend Backend => _backend ?? throw new InvalidOperationException("Not initialised.");

    protected IInstanceStore Store => Backend.Instances;

    public async Task InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        await _backend.EnsureCreatedAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ITaskHubBackend> CreateBackendAsync();
}
