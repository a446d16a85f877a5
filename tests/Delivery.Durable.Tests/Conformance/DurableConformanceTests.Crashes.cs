using System.Collections.Concurrent;
using Delivery.Durable.Testing;

namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Every_turn_failing_once_before_its_commit_still_completes_with_the_same_output()
    {
        var failedTurns = new ConcurrentDictionary<(string, int, OrchestrationRuntimeStatus), bool>();
        var effects = new ConcurrentDictionary<string, int>();
        await using var host = await StartAsync(
            r => ReferenceWorkflow(r, effects),
            o => o.ErrorRetryDelay = TimeSpan.Zero,
            inner => new FaultyBackend(inner)
            {
                BeforeCommit = (record, _) => failedTurns.TryAdd((record.InstanceId, record.History.Count, record.RuntimeStatus), true)
                    ? throw new IOException("crash before commit")
                    : Task.CompletedTask,
            });

        var result = await RunReferenceAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("a1,b1,c1|30|child1:6|approved", result.ReadOutputAs<string>());
        Assert.Equal(["a", "b", "c", "child", "sq1", "sq2", "sq3", "sq4"], effects.Keys.Order(StringComparer.Ordinal));
        Assert.True(failedTurns.Count >= 8);
    }

    [Fact]
    public async Task Every_commit_whose_reply_is_lost_still_completes_with_the_same_output()
    {
        var effects = new ConcurrentDictionary<string, int>();
        var lost = new ConcurrentDictionary<string, bool>();
        await using var host = await StartAsync(
            r => ReferenceWorkflow(r, effects),
            o => o.ErrorRetryDelay = TimeSpan.Zero,
            inner => new FaultyBackend(inner)
            {
                AfterCommit = record => lost.TryAdd(record.ETag!, true) ? throw new TimeoutException("the write succeeded but the reply was lost") : Task.CompletedTask,
            });

        var result = await RunReferenceAsync(host);

        Assert.Equal("a1,b1,c1|30|child1:6|approved", result.ReadOutputAs<string>());
        Assert.NotEmpty(lost);
    }

    // The timer is ShortDelay: a minute on the fake clock, a real second on a backend whose queue runs on real time.
    private void ReferenceWorkflow(DurableTaskRegistry r, ConcurrentDictionary<string, int> effects)
        => r.AddActivityFunc<string, string>("Effect", (_, key) =>
            {
                // Idempotent by key, as activities must be: a re-run does not add a second effect.
                effects.TryAdd(key, 1);
                return key + "1";
            })
            .AddActivityFunc<int, int>("Square", (_, n) =>
            {
                effects.TryAdd($"sq{n}", 1);
                return n * n;
            })
            .AddOrchestratorFunc<int, string>("RefChild", async (ctx, n) => $"{await ctx.CallActivityAsync<string>("Effect", "child")}:{n}")
            .AddOrchestratorFunc<string>("Reference", async ctx =>
            {
                var chain = new List<string>();
                foreach (var step in new[] { "a", "b", "c" })
                {
                    chain.Add(await ctx.CallActivityAsync<string>("Effect", step));
                }

                var squares = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => ctx.CallActivityAsync<int>("Square", i)));
                await ctx.CreateTimer(ShortDelay, CancellationToken.None);
                var child = await ctx.CallSubOrchestratorAsync<string>("RefChild", 6);
                var approval = await ctx.WaitForExternalEvent<string>("Approval");
                return $"{string.Join(',', chain)}|{squares.Sum()}|{child}|{approval}";
            });

    private async Task<OrchestrationMetadata> RunReferenceAsync(DurableTaskTestHost host)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reference");
        await WaitForHistoryAsync(host, id, "TimerCreated");
        await AdvanceAsync(ShortDelay);
        await WaitForHistoryAsync(host, id, "SubOrchestrationInstanceCompleted");
        await host.Client.RaiseEventAsync(id, "Approval", "approved");
        return await CompletionAsync(host, id);
    }
}
