using Delivery.Durable.Backends;
using Delivery.Durable.Backends.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Delivery.Durable;

/// <summary>Configures the durable task worker, as <c>IDurableTaskWorkerBuilder</c> in Microsoft.DurableTask.</summary>
public interface IDurableTaskWorkerBuilder
{
    string Name { get; }

    IServiceCollection Services { get; }
}

/// <summary>Configures the durable task client, as <c>IDurableTaskClientBuilder</c> in Microsoft.DurableTask.</summary>
public interface IDurableTaskClientBuilder
{
    string Name { get; }

    IServiceCollection Services { get; }
}

/// <summary>
/// <c>services.AddDurableTaskWorker(b =&gt; b.AddTasks(r =&gt; …).UseInMemoryBackend())</c> and
/// <c>services.AddDurableTaskClient(b =&gt; b.UseInMemoryBackend())</c>. The worker and the client share one
/// <see cref="ITaskHubBackend"/> singleton; the first backend registered wins.
/// </summary>
public static class DurableTaskServiceCollectionExtensions
{
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, Action<IDurableTaskWorkerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddCommon(services);
        services.AddOptions<DurableTaskRegistry>();
        services.AddOptions<DurableTaskWorkerOptions>();
        if (!services.Any(d => d.ServiceType == typeof(DurableTaskWorker)))
        {
            // Once only: calling this twice must not start two polling loops on one worker.
            services.AddSingleton<DurableTaskWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        }
        configure(new Builder("default", services));
        return services;
    }

    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services, Action<IDurableTaskClientBuilder>? configure = null)
    {
        AddCommon(services);
        services.TryAddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<ITaskHubBackend>(), sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<TimeProvider>()));
        configure?.Invoke(new Builder("default", services));
        return services;
    }

    /// <summary>Adds orchestrators and activities to the worker's registry.</summary>
    public static IDurableTaskWorkerBuilder AddTasks(this IDurableTaskWorkerBuilder builder, Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    public static IDurableTaskWorkerBuilder Configure(this IDurableTaskWorkerBuilder builder, Action<DurableTaskWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    public static IDurableTaskWorkerBuilder UseInMemoryBackend(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddInMemory(builder.Services);
        return builder;
    }

    public static IDurableTaskClientBuilder UseInMemoryBackend(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddInMemory(builder.Services);
        return builder;
    }

    /// <summary>Uses any backend (the Cosmos one adds its own <c>UseCosmosBackend</c> on top of this).</summary>
    public static IDurableTaskWorkerBuilder UseBackend(this IDurableTaskWorkerBuilder builder, Func<IServiceProvider, ITaskHubBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(factory);
        return builder;
    }

    public static IDurableTaskClientBuilder UseBackend(this IDurableTaskClientBuilder builder, Func<IServiceProvider, ITaskHubBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(factory);
        return builder;
    }

    private static void AddCommon(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
    }

    private static void AddInMemory(IServiceCollection services)
        => services.TryAddSingleton<ITaskHubBackend>(sp => new InMemoryBackend(sp.GetRequiredService<TimeProvider>()));

    private sealed class Builder(string name, IServiceCollection services) : IDurableTaskWorkerBuilder, IDurableTaskClientBuilder
    {
        public string Name { get; } = name;

        public IServiceCollection Services { get; } = services;
    }
}
