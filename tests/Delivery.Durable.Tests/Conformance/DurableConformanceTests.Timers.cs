namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Long_timer_fires_when_the_clock_reaches_it()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<TimeSpan, DateTime>("Sleeper", async (ctx, delay) =>
        {
            await ctx.CreateTimer(delay, CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", LongDelay);
        await WaitForHistoryAsync(host, id, "TimerCreated");
        var started = (await host.Client.GetInstanceAsync(id))!.CreatedAt;

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await AdvanceAsync(LongDelay);
        var result = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.True(result.ReadOutputAs<DateTime>() >= started.UtcDateTime + LongDelay);
    }

    [Fact]
    public async Task Uncancelled_timer_keeps_the_instance_running_until_it_fires()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<TimeSpan, string>("Forgetful", (ctx, delay) =>
        {
            _ = ctx.CreateTimer(delay, CancellationToken.None);
            return Task.FromResult("done");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forgetful", LongDelay);
        await WaitForHistoryAsync(host, id, "TimerCreated");

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await AdvanceAsync(LongDelay);
        var result = await CompletionAsync(host, id);

        Assert.Equal("done", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Scheduled_start_waits_for_StartAt_and_buffers_events_raised_before_it()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Late", ctx => ctx.WaitForExternalEvent<string>("Early")));
        // On real time, long enough that a loaded machine still sees the instance Pending before it is due.
        var delay = UsesFakeClock ? LongDelay : TimeSpan.FromSeconds(10);
        var startAt = (UsesFakeClock ? Clock.GetUtcNow() : DateTimeOffset.UtcNow) + delay;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late", options: new StartOrchestrationOptions(NewId("late"), startAt));

        await host.Client.RaiseEventAsync(id, "early", "hello");
        await WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id)) is not null, "the instance exists");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await AdvanceAsync(delay);
        var result = await CompletionAsync(host, id);

        Assert.Equal("hello", result.ReadOutputAs<string>());
        Assert.True(result.LastUpdatedAt >= startAt);
    }
}
