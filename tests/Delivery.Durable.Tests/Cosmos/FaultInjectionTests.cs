using System.Diagnostics;
using Delivery.Durable.Backends;
using Delivery.Durable.Testing;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>
/// Fails one store or queue call of the reference workflow at a time (before it takes effect, or after it took
/// effect with the caller seeing a timeout), stops that worker, starts a fresh one, and checks that the workflow
/// completes with the same output and every activity effect recorded once per idempotency key.
/// </summary>
public abstract class FaultInjectionTests
{
    private const string Seed = "s";
    private static readonly TimeSpan FaultTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, int, FaultMode> FaultPoints()
    {
        var data = new TheoryData<string, int, FaultMode>();
        var points = new (string Operation, int[] Calls)[]
        {
            (FaultyBackend.Enqueue, [1, 2, 8]),
            (FaultyBackend.Dequeue, [5]),
            (FaultyBackend.Settle, [1, 8]),
            (FaultyBackend.Get, [1, 5]),
            (FaultyBackend.Create, [1, 2]),
            (FaultyBackend.Commit, [1, 4]),
        };
        foreach (var (operation, calls) in points)
        {
            foreach (var call in calls)
            {
                data.Add(operation, call, FaultMode.FailBefore);
                data.Add(operation, call, FaultMode.FailAfter);
            }
        }

        return data;
    }

    /// <summary>A backend over the test's task hub; each call stands for a new process's view of the same store.</summary>
    protected abstract ITaskHubBackend CreateBackend();

    [Theory]
    [MemberData(nameof(FaultPoints))]
    public async Task ReferenceWorkflow_FaultThenRestart_CompletesWithSameOutputAndEachEffectOnce(string operation, int call, FaultMode mode)
    {
        var ledger = new EffectLedger();
        var faulty = new FaultyBackend(CreateBackend(), new FaultPoint(operation, call, mode));
        var instanceId = $"ref-{operation}-{call}-{mode}-{Guid.NewGuid():N}".Replace('.', '-').ToLowerInvariant();

        await using (var first = await StartHostAsync(faulty, ledger))
        {
            await RetryAsync(() => first.Client.ScheduleNewOrchestrationInstanceAsync(
                ReferenceWorkflow.Orchestrator, Seed, new StartOrchestrationOptions(instanceId)));
            await RetryAsync(() => first.Client.RaiseEventAsync(instanceId, ReferenceWorkflow.ApprovalEvent, "yes"));
            await WaitUntilAsync(() => faulty.Fired, FaultTimeout);
        }

        await using var second = await StartHostAsync(CreateBackend(), ledger);
        using var timeout = new CancellationTokenSource(FaultTimeout);
        var metadata = await second.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.True(faulty.Fired, $"the fault {operation}#{call} was never reached");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(ReferenceWorkflow.ExpectedOutput(Seed), metadata.ReadOutputAs<string>());
        Assert.Equal(ReferenceWorkflow.ExpectedKeys(instanceId).Order(StringComparer.Ordinal), ledger.Keys.Order(StringComparer.Ordinal));
    }

    private static Task<DurableTaskTestHost> StartHostAsync(ITaskHubBackend backend, EffectLedger ledger) =>
        DurableTaskTestHost.StartAsync(
            r => ReferenceWorkflow.Register(r, ledger),
            new DurableTaskTestHostOptions
            {
                Backend = _ => backend,
                ConfigureWorker = o =>
                {
                    // Short leases so that work the stopped worker held comes back quickly to the new one.
                    o.LeaseDuration = TimeSpan.FromSeconds(3);
                    o.ErrorRetryDelay = TimeSpan.FromMilliseconds(200);
                    o.UnmatchedCompletionRetryDelay = TimeSpan.FromMilliseconds(300);
                },
            });

    /// <summary>A caller that sees a timeout tries again, as a real client would.</summary>
    private static async Task RetryAsync(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (InjectedFaultException) when (attempt < 3)
            {
                // The injected fault fires once; the retry goes through.
            }
            catch (InvalidOperationException ex) when (attempt > 1 && ex.Message.Contains("already exists", StringComparison.Ordinal))
            {
                // The first attempt did create the instance before its caller saw the timeout.
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition() && stopwatch.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }
}

[Trait("Category", "Cosmos")]
public sealed class CosmosFaultInjectionTests : FaultInjectionTests, IAsyncLifetime
{
    private readonly CosmosTestHub _hub = new("fault");

    public Task InitializeAsync() => _hub.Create().EnsureCreatedAsync();

    public Task DisposeAsync() => _hub.DeleteAsync();

    protected override ITaskHubBackend CreateBackend() => _hub.Create();
}

public sealed class InMemoryFaultInjectionTests : FaultInjectionTests
{
    private readonly Backends.InMemory.InMemoryBackend _backend = new(TimeProvider.System);

    protected override ITaskHubBackend CreateBackend() => _backend;
}
