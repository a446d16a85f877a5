using System.Diagnostics;
using Delivery.Functions.App.Standalone.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;

namespace Delivery.Functions.Tests.DurableEngine;

/// <summary>One running standalone engine (sidecar, SDK worker and client) in its own host, as the app would have it.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host, TimeSpan startTime)
    {
        _host = host;
        StartTime = startTime;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public StandaloneDurableEngine Engine => _host.Services.GetRequiredService<StandaloneDurableEngine>();

    public IServiceProvider Services => _host.Services;

    /// <summary>From host start to the worker being started (the sidecar listening and the worker connected).</summary>
    public TimeSpan StartTime { get; }

    /// <summary>A unique hub per use, so runs never see each other's instances: letters and digits, under 45.</summary>
    public static string UniqueTaskHubName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 45)];

    public static async Task<EngineHost> StartAsync(
        StandaloneDurableOptions options, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The Azure Storage provider logs every poll and lease check at Information; warnings are what a failing
        // test needs to show.
        builder.Logging.AddConsole().SetMinimumLevel(Enum.Parse<LogLevel>(Environment.GetEnvironmentVariable("ENGINE_TEST_LOG_LEVEL") ?? "Warning"));
        configureServices?.Invoke(builder.Services);
        builder.Services.AddStandaloneDurableEngine(options, DurableTestTasks.Register);
        var host = builder.Build();
        var watch = Stopwatch.StartNew();
        await host.StartAsync();
        return new EngineHost(host, watch.Elapsed);
    }

    /// <summary>Waits for a terminal state with a deadline, so a stuck orchestration fails the test instead of hanging it.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(90));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls until the instance is Running, i.e. its first episode has been checkpointed.</summary>
    public async Task WaitForRunningAsync(string instanceId, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var state = await Client.GetInstanceAsync(instanceId, cts.Token);
            if (state?.RuntimeStatus == OrchestrationRuntimeStatus.Running)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cts.Token);
        }
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
