using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>Registers the standalone durable engine: sidecar, SDK client and SDK worker in the app's container.</summary>
public static class StandaloneDurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the in-process sidecar over DurableTask.AzureStorage, a <see cref="DurableTaskClient"/> and a Durable
    /// Task worker running the tasks <paramref name="registerTasks"/> adds. Activities are built from this container,
    /// so they take the app's own services. Call it before any other Durable Task worker registration: the sidecar
    /// must start before, and stop after, the worker.
    /// </summary>
    public static IServiceCollection AddStandaloneDurableEngine(
        this IServiceCollection services,
        StandaloneDurableOptions options,
        Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registerTasks);
        options.Validate();

        var endpoint = new SidecarEndpoint();
        services.AddSingleton(options);
        services.AddSingleton(sp => new StandaloneDurableEngine(options, endpoint, sp.GetRequiredService<ILoggerFactory>()));

        // Hosted services start in registration order and stop in reverse, and AddDurableTaskWorker registers the
        // worker's hosted service when it is called: registering the engine first gives sidecar-then-worker on start
        // and worker-then-sidecar on stop.
        services.AddHostedService(sp => sp.GetRequiredService<StandaloneDurableEngine>());

        var version = string.IsNullOrEmpty(options.DefaultVersion) ? null : options.DefaultVersion;
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(endpoint.Channel);
            if (version is not null)
            {
                // New instances take the current version; running ones keep the one they started with.
                client.UseDefaultVersion(version);
            }
        });

        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(endpoint.Channel);
            worker.AddTasks(registerTasks);
            worker.Configure(worker =>
            {
                worker.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
            });
            if (version is not null)
            {
                worker.UseVersioning(new DurableTaskWorkerOptions.VersioningOptions
                {
                    Version = version,
                    DefaultVersion = version,
                    MatchStrategy = options.VersionMatchStrategy,
                    FailureStrategy = options.VersionFailureStrategy,
                });
            }
        });

        return services;
    }
}
