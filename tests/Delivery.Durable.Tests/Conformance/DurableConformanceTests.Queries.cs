using Delivery.Durable.Testing;

namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Queries_filter_by_status_name_custom_status_and_prefix_a_page_at_a_time()
    {
        var prefix = NewId("q") + "-";
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Tagged", (ctx, tag) =>
            {
                ctx.SetCustomStatus(tag);
                return Task.FromResult(tag);
            })
            .AddOrchestratorFunc<string>("Waiter", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                return await ctx.WaitForExternalEvent<string>("Never");
            }));
        for (var i = 0; i < 5; i++)
        {
            await RunAsync(host, "Tagged", i % 2 == 0 ? "even" : "odd", new StartOrchestrationOptions($"{prefix}tagged-{i}"));
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", options: new StartOrchestrationOptions($"{prefix}waiter"));
        await WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(waiting, true))!.SerializedCustomStatus is not null, "the waiter set its status");

        var byPrefix = await ListAsync(host, new OrchestrationQuery(InstanceIdPrefix: prefix, PageSize: 2));
        var running = await ListAsync(host, new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running], InstanceIdPrefix: prefix));
        var byName = await ListAsync(host, new OrchestrationQuery(InstanceIdPrefix: prefix) { Name = "tagged" });
        var even = await ListAsync(host, new OrchestrationQuery(InstanceIdPrefix: prefix, FetchInputsAndOutputs: true) { CustomStatus = "even" });

        Assert.Equal([2, 2, 2], byPrefix.Pages);
        Assert.Equal(6, byPrefix.Items.Count);
        Assert.Equal([$"{prefix}waiter"], running.Items.Select(m => m.InstanceId));
        Assert.Equal(5, byName.Items.Count);
        Assert.Equal([$"{prefix}tagged-0", $"{prefix}tagged-2", $"{prefix}tagged-4"], even.Items.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(even.Items, m => Assert.Equal("even", m.ReadOutputAs<string>()));
    }

    private static async Task<(List<OrchestrationMetadata> Items, List<int> Pages)> ListAsync(DurableTaskTestHost host, OrchestrationQuery query)
    {
        var items = new List<OrchestrationMetadata>();
        var pages = new List<int>();
        await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page.Values.Count);
            items.AddRange(page.Values);
        }

        return (items, pages);
    }
}
