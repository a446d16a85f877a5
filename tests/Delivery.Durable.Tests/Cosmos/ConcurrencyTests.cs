using System.Diagnostics;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>
/// Three worker processes on one task hub against the local services: 200 instances of a three-step chain, none
/// lost, none completed twice, every step's effect recorded once.
/// </summary>
[Trait("Category", "Cosmos")]
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Instances = 200;
    private const int Workers = 3;
    private const string Orchestrator = "ConcurrencyChain";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly CosmosTestHub _hub = new("conc");
    private readonly List<Process> _workers = [];
    private Container? _effects;

    public async Task InitializeAsync()
    {
        await _hub.Create().EnsureCreatedAsync();
        _effects = (await _hub.Cosmos.GetDatabase(_hub.Options.DatabaseName)
            .CreateContainerIfNotExistsAsync("effects", "/key")).Container;
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.StandardInput.Close();
        }

        foreach (var worker in _workers)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await worker.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Kill(entireProcessTree: true);
            }

            worker.Dispose();
        }

        await _hub.DeleteAsync();
    }

    [Fact]
    public async Task ThreeWorkerProcesses_TwoHundredInstances_EachCompletesOnceWithEachEffectOnce()
    {
        for (var i = 0; i < Workers; i++)
        {
            _workers.Add(await StartWorkerAsync());
        }

        var client = new DurableTaskClient(_hub.Create(), JsonDataConverter.Default, TimeProvider.System) { PollingInterval = TimeSpan.FromMilliseconds(250) };
        var ids = Enumerable.Range(0, Instances).Select(i => $"conc-{i:D3}").ToList();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Instances),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, i, new StartOrchestrationOptions(ids[i]), ct));

        using var timeout = new CancellationTokenSource(Timeout);
        var results = new List<OrchestrationMetadata>();
        foreach (var id in ids)
        {
            // One at a time: waiting on all 200 at once would spend the local server's capacity on polling.
            results.Add(await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
        }

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.Equal(Enumerable.Range(0, Instances).Select(i => i + 6), results.Select(r => r.ReadOutputAs<int>()));
        foreach (var id in ids)
        {
            var history = await client.GetOrchestrationHistoryAsync(id);
            Assert.Single(history, e => e.EventType == "ExecutionCompleted");
            Assert.Equal(3, history.Count(e => e.EventType == "TaskCompleted"));
        }

        Assert.Equal(Instances * 3, await CountEffectsAsync(ids));
        Assert.All(_workers, w => Assert.False(w.HasExited, "a worker process died"));
    }

    private async Task<int> CountEffectsAsync(IEnumerable<string> ids)
    {
        var found = 0;
        await Parallel.ForEachAsync(
            ids.SelectMany(id => Enumerable.Range(1, 3).Select(step => $"{id}-{step}")),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (key, ct) =>
            {
                using var response = await _effects!.ReadItemStreamAsync(key, new PartitionKey(key), cancellationToken: ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref found);
                }
            });
        return found;
    }

    private async Task<Process> StartWorkerAsync()
    {
        var options = _hub.Options;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerPath());
        start.ArgumentList.Add(options.DatabaseName);
        start.ArgumentList.Add(options.WorkQueueName);
        start.ArgumentList.Add(options.PayloadContainerName);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(ready.Token);
        Assert.Equal("ready", line);
        return process;
    }

    private static string WorkerPath()
    {
        // tests/Delivery.Durable.Tests/bin/<Configuration>/net10.0/ -> the worker's own output folder.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "Delivery.Durable.ConcurrencyWorker", "bin", configuration, output.Name, "Delivery.Durable.ConcurrencyWorker.dll");
    }
}
