using Delivery.Durable.Backends;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Testing;

/// <summary>Options of <see cref="DurableTaskTestHost"/>.</summary>
public sealed class DurableTaskTestHostOptions
{
    /// <summary>More services for the activities and orchestrators under test.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock of the whole task hub (ours): a FakeTimeProvider fires long timers when the test advances it.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The backend (ours): in-memory when null; the Cosmos one against the local services otherwise.</summary>
    public Func<IServiceProvider, ITaskHubBackend>? Backend { get; init; }

    /// <summary>Worker settings (ours), e.g. a lower <see cref="DurableTaskWorkerOptions.MaxDequeueCount"/>.</summary>
    public Action<DurableTaskWorkerOptions>? ConfigureWorker { get; init; }
}

/// <summary>
/// An in-process task hub for tests, as the SDK's: <c>await using var host = await DurableTaskTestHost.StartAsync(r =&gt; …)</c>,
/// then <see cref="Client"/> to start and await orchestrations.
/// </summary>
public sealed class DurableTaskTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DurableTaskTestHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> configureTasks, DurableTaskTestHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configureTasks);
        options ??= new DurableTaskTestHostOptions();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        if (options.LoggerFactory is not null)
        {
            services.AddSingleton(options.LoggerFactory);
        }

        if (options.TimeProvider is not null)
        {
            services.AddSingleton(options.TimeProvider);
        }

        if (options.Backend is not null)
        {
            services.TryAddSingleton(options.Backend);
        }

        options.ConfigureServices?.Invoke(services);
        services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(configureTasks).UseInMemoryBackend();
            b.Configure(o =>
            {
                o.PollingInterval = TimeSpan.FromMilliseconds(20);
                options.ConfigureWorker?.Invoke(o);
            });
        });
        services.AddDurableTaskClient(b => b.UseInMemoryBackend());
        var host = builder.Build();
        await host.Services.GetRequiredService<ITaskHubBackend>().EnsureCreatedAsync();
        await host.StartAsync();
        return new DurableTaskTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
