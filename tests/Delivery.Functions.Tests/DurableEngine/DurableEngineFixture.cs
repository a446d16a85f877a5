using Delivery.Functions.App.Standalone.Durable;

namespace Delivery.Functions.Tests.DurableEngine;

/// <summary>
/// One engine on Azurite for a whole test class, on a task hub of its own that is deleted at the end: starting an
/// engine takes seconds, so the scenarios share it and keep apart by instance id.
/// </summary>
public sealed class DurableEngineFixture : IAsyncLifetime
{
    private EngineHost? _host;

    public EngineHost Host => _host ?? throw new InvalidOperationException("The engine has not started.");

    public ActivityGate Gate { get; } = new();

    public AttemptCounter Attempts { get; } = new();

    public async Task InitializeAsync()
    {
        var options = new StandaloneDurableOptions
        {
            TaskHubName = EngineHost.UniqueTaskHubName("EngineTests"),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        };
        _host = await EngineHost.StartAsync(options, services =>
        {
            services.AddSingleton(Gate);
            services.AddSingleton(Attempts);
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        await _host.Engine.DeleteTaskHubAsync();
        await _host.DisposeAsync();
    }
}
