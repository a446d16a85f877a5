using Delivery.Durable.Engine;
using Delivery.Durable.Testing;

namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Poison_messages_are_moved_aside_with_their_error_and_block_nothing_else()
    {
        var broken = NewId("broken");
        FaultyBackend? faulty = null;
        await using var host = await StartAsync(
            r => r
                .AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Go"))
                .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done")),
            o =>
            {
                o.MaxDequeueCount = 3;
                o.ErrorRetryDelay = TimeSpan.Zero;
            },
            inner => faulty = new FaultyBackend(inner));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", options: new StartOrchestrationOptions(broken));
        await host.Client.WaitForInstanceStartAsync(broken);
        faulty!.BeforeCommit = (record, _) => record.InstanceId == broken ? throw new IOException("store unavailable") : Task.CompletedTask;

        await BackendOf(host).WorkQueue.EnqueueAsync("this is not a task message");
        await host.Client.RaiseEventAsync(broken, "Go", "x");
        var other = await RunAsync(host, "Quick");
        await WaitUntilAsync(async () => (await host.Client.GetPoisonMessagesAsync()).Count == 2, "both bad messages are poisoned");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, other.RuntimeStatus);
        var poison = await host.Client.GetPoisonMessagesAsync();
        Assert.Contains(poison, p => p.Body == "this is not a task message" && p.DequeueCount == 3 && p.Error.Contains("Json", StringComparison.Ordinal));
        Assert.Contains(poison, p => p.Body.Contains(broken, StringComparison.Ordinal) && p.Error.Contains("store unavailable", StringComparison.Ordinal));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(broken))!.RuntimeStatus);
    }

    [Fact]
    public async Task Duplicate_completions_are_dropped_and_the_first_result_stands()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int>("One", _ => 1)
            .AddOrchestratorFunc<int>("Dup", async ctx =>
            {
                var value = await ctx.CallActivityAsync<int>("One");
                await ctx.WaitForExternalEvent<string>("Go");
                return value;
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Dup");
        await WaitForHistoryAsync(host, id, "TaskCompleted");
        var record = await BackendOf(host).Instances.GetAsync(id);
        var scheduled = record!.History.Select(HistoryEvent.Parse).Single(e => e.Type == HistoryEventType.TaskScheduled);

        await InjectAsync(host, new TaskMessage
        {
            Kind = TaskMessageKind.TaskCompleted, MessageId = "dup", InstanceId = id, ExecutionId = record.ExecutionId,
            TaskId = scheduled.EventId, TurnId = scheduled.TurnId, Name = "One", Result = "999",
        });
        await PingAsync(host, id);
        await host.Client.RaiseEventAsync(id, "Go", "now");
        var result = await CompletionAsync(host, id);

        Assert.Equal(1, result.ReadOutputAs<int>());
        Assert.Equal(1, await CountHistoryAsync(host, id, "TaskCompleted"));
    }

    [Fact]
    public async Task Stale_completions_from_a_turn_that_lost_its_commit_are_dropped()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<TimeSpan, string>("Sleeper", async (ctx, delay) =>
        {
            await ctx.CreateTimer(delay, CancellationToken.None);
            return "woke at the real time";
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", LongDelay);
        await WaitForHistoryAsync(host, id, "TimerCreated");
        var record = await BackendOf(host).Instances.GetAsync(id);

        await InjectAsync(host, new TaskMessage
        {
            Kind = TaskMessageKind.TimerFired, MessageId = "stale", InstanceId = id, ExecutionId = record!.ExecutionId, TaskId = 0, TurnId = "another-turn",
        });
        await PingAsync(host, id);
        var whileWaiting = await host.Client.GetInstanceAsync(id);
        await AdvanceAsync(LongDelay);
        var result = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, whileWaiting!.RuntimeStatus);
        Assert.Equal("woke at the real time", result.ReadOutputAs<string>());
        Assert.Equal(1, await CountHistoryAsync(host, id, "TimerFired"));
    }

    [Fact]
    public async Task A_commit_that_loses_the_ETag_race_never_regresses_a_finished_instance()
    {
        FaultyBackend? faulty = null;
        var raced = 0;
        await using var host = await StartAsync(
            r => r.AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Go")),
            wrap: inner => faulty = new FaultyBackend(inner));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id);
        faulty!.BeforeCommit = async (record, store) =>
        {
            // Another worker finishes the instance between this worker's read and its commit.
            if (record.InstanceId == id && Interlocked.Exchange(ref raced, 1) == 0)
            {
                var current = (await store.GetAsync(id))!;
                current.RuntimeStatus = OrchestrationRuntimeStatus.Terminated;
                current.SerializedOutput = "\"terminated elsewhere\"";
                Assert.NotNull(await store.TryCommitAsync(current));
            }
        };

        await host.Client.RaiseEventAsync(id, "Go", "completed here");
        var result = await CompletionAsync(host, id);

        Assert.Equal(1, raced);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("terminated elsewhere", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_redelivered_suspend_does_not_suspend_the_instance_again_after_resume()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id);
        await WaitForHistoryAsync(host, id, "ExecutionResumed");
        var record = await BackendOf(host).Instances.GetAsync(id);
        var suspended = record!.History.Select(HistoryEvent.Parse).Single(e => e.Type == HistoryEventType.ExecutionSuspended);

        await InjectAsync(host, new TaskMessage { Kind = TaskMessageKind.Suspend, MessageId = suspended.MessageId!, InstanceId = id });
        await PingAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(1, await CountHistoryAsync(host, id, "ExecutionSuspended"));
    }

    private static Task InjectAsync(DurableTaskTestHost host, TaskMessage message)
        => BackendOf(host).WorkQueue.EnqueueAsync(message.ToJson());

    /// <summary>Raises an event nobody waits for and waits until it is in history: earlier messages were handled.</summary>
    private static async Task PingAsync(DurableTaskTestHost host, string instanceId)
    {
        var before = await CountHistoryAsync(host, instanceId, "EventRaised");
        await host.Client.RaiseEventAsync(instanceId, "Ping", "ping");
        if (await host.Client.GetInstanceAsync(instanceId) is { IsRunning: true })
        {
            await WaitForHistoryAsync(host, instanceId, "EventRaised", before + 1);
        }
    }
}
