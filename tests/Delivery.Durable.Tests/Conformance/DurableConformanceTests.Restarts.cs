using Delivery.Durable.Engine;

namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task A_finished_instance_id_can_be_started_again_and_a_running_one_cannot()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s))
            .AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Never")));
        var id = NewId("reused");
        var first = await RunAsync(host, "Echo", "first", new StartOrchestrationOptions(id));
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");

        var second = await RunAsync(host, "Echo", "second", new StartOrchestrationOptions(id));

        Assert.Equal("first", first.ReadOutputAs<string>());
        Assert.Equal("second", second.ReadOutputAs<string>());
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", options: new StartOrchestrationOptions(running)));
    }

    [Fact]
    public async Task Retried_sub_orchestration_with_a_fixed_instance_id_restarts_the_failed_child()
    {
        var childId = NewId("child");
        var runs = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int>("CountRun", _ => Interlocked.Increment(ref runs))
            .AddOrchestratorFunc<int>("Child", async ctx =>
            {
                var run = await ctx.CallActivityAsync<int>("CountRun");
                return run < 2 ? throw new InvalidOperationException("first run fails") : run;
            })
            .AddOrchestratorFunc<int>("Parent", ctx => ctx.CallSubOrchestratorAsync<int>(
                "Child", options: new SubOrchestrationOptions(new RetryPolicy(3, ShortDelay), childId))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");

        await WaitForHistoryAsync(host, id, "TimerCreated");
        await AdvanceAsync(ShortDelay);
        var result = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(2, result.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(childId))!.RuntimeStatus);
    }

    [Fact]
    public async Task An_event_consumed_before_ContinueAsNew_is_not_delivered_again_to_the_next_execution()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, string>("Eternal", async (ctx, generation) =>
        {
            var value = await ctx.WaitForExternalEvent<string>("Tick");
            if (generation == 0)
            {
                ctx.ContinueAsNew(1);
            }

            return value;
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Eternal", 0);
        await host.Client.WaitForInstanceStartAsync(id);
        await InjectAsync(host, new TaskMessage { Kind = TaskMessageKind.EventRaised, MessageId = "tick-1", InstanceId = id, Name = "Tick", Input = "\"first\"" });
        await WaitUntilAsync(
            async () => (await host.Client.GetOrchestrationHistoryAsync(id)).Any(e => e.EventType == "ExecutionStarted" && e.Input == "1"),
            "the second execution started");

        await InjectAsync(host, new TaskMessage { Kind = TaskMessageKind.EventRaised, MessageId = "tick-1", InstanceId = id, Name = "Tick", Input = "\"duplicate\"" });
        await PingAsync(host, id);
        await host.Client.RaiseEventAsync(id, "Tick", "second");
        var result = await CompletionAsync(host, id);

        Assert.Equal("second", result.ReadOutputAs<string>());
    }
}
