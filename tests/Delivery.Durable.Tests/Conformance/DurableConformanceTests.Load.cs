using System.Collections.Concurrent;

namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Many_concurrent_instances_all_complete_with_every_completion_counted_once()
    {
        var runs = new ConcurrentDictionary<string, int>();
        await using var host = await StartAsync(
            r => r
                .AddActivityFunc<string, int>("Work", (ctx, key) =>
                {
                    runs.AddOrUpdate(key, 1, (_, n) => n + 1);
                    return key.Length;
                })
                .AddOrchestratorFunc<int>("Batch", async ctx =>
                {
                    var parts = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ctx.CallActivityAsync<int>("Work", $"{ctx.InstanceId}/{i}")));
                    return parts.Sum();
                }),
            o => o.MaxConcurrentWorkItems = 8);

        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("Batch"));
        }

        var results = await Task.WhenAll(ids.Select(id => CompletionAsync(host, id)));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results, r => Assert.Equal(5 * (r.InstanceId.Length + 2), r.ReadOutputAs<int>()));
        Assert.Equal(1000, runs.Count);
    }
}
