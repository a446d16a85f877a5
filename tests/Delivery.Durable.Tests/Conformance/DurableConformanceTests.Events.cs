using Delivery.Durable.Testing;

namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task External_event_raised_after_the_wait_resumes_the_orchestration()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Approval", ctx => ctx.WaitForExternalEvent<string>("Approved")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "APPROVED", "yes");
        var result = await CompletionAsync(host, id);

        Assert.Equal("yes", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task External_event_raised_before_the_wait_is_buffered_until_waited_for()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string[]>("TwoStep", async ctx =>
        {
            var first = await ctx.WaitForExternalEvent<string>("First");
            var second = await ctx.WaitForExternalEvent<string>("Second");
            return [first, second];
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoStep");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "Second", "b");
        await WaitForHistoryAsync(host, id, "EventRaised");
        await host.Client.RaiseEventAsync(id, "First", "a");
        var result = await CompletionAsync(host, id);

        Assert.Equal(["a", "b"], result.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task WaitForExternalEvent_with_timeout_returns_the_event_when_it_comes_in_time()
    {
        var (host, id) = await StartTimedWaitAsync();
        await using var _ = host;

        await host.Client.RaiseEventAsync(id, "Answer", "in time");
        var result = await CompletionAsync(host, id);

        // Completed without the clock moving: the losing timer was cancelled and no longer keeps the instance alive.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("in time", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_with_timeout_cancels_the_wait_when_the_time_is_up()
    {
        var (host, id) = await StartTimedWaitAsync();
        await using var _ = host;

        await AdvanceAsync(LongDelay);
        var result = await CompletionAsync(host, id);

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SendEvent_delivers_an_event_from_one_instance_to_another()
    {
        var receiverId = NewId("receiver");
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Receiver", ctx => ctx.WaitForExternalEvent<string>("Ping"))
            .AddOrchestratorFunc<string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "Ping", "from " + ctx.InstanceId);
                return Task.CompletedTask;
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", options: new StartOrchestrationOptions(receiverId));
        var senderId = NewId("sender");

        await RunAsync(host, "Sender", receiverId, new StartOrchestrationOptions(senderId));
        var received = await CompletionAsync(host, receiverId);

        Assert.Equal("from " + senderId, received.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_for_a_finished_or_missing_instance_are_dropped()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done")));
        var done = await RunAsync(host, "Quick");

        await host.Client.RaiseEventAsync(done.InstanceId, "Late", "ignored");
        var missing = NewId("missing");
        await host.Client.RaiseEventAsync(missing, "Any", "ignored");
        var after = await RunAsync(host, "Quick");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Null(await host.Client.GetInstanceAsync(missing));
        Assert.Equal(0, await CountHistoryAsync(host, done.InstanceId, "EventRaised"));
    }

    /// <summary>Starts an orchestration waiting for "Answer" with a <see cref="LongDelay"/> timeout, once its timer exists.</summary>
    private async Task<(DurableTaskTestHost Host, string InstanceId)> StartTimedWaitAsync()
    {
        var host = await StartAsync(r => r.AddOrchestratorFunc<TimeSpan, string>("Timed", async (ctx, timeout) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Answer", timeout);
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timed", LongDelay);
        await WaitForHistoryAsync(host, id, "TimerCreated");
        return (host, id);
    }
}
