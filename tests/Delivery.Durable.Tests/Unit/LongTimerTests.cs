using Delivery.Durable.Backends;
using Delivery.Durable.Backends.InMemory;
using Delivery.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Durable.Tests.Unit;

public sealed class LongTimerTests
{
    [Fact]
    public async Task TimerLongerThanTheQueueAllows_HopsUntilItsTimeThenFires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r.AddOrchestratorFunc<DateTime>("Month", async ctx =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }),
            new DurableTaskTestHostOptions { TimeProvider = clock });
        var queue = (InMemoryWorkQueue)host.Services.GetRequiredService<ITaskHubBackend>().WorkQueue;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Month");
        await WaitUntilAsync(async () => (await host.Client.GetOrchestrationHistoryAsync(id)).Any(e => e.EventType == "TimerCreated"));

        clock.Advance(TimeSpan.FromDays(7));
        await WaitUntilAsync(() => Task.FromResult(queue.Count == 1 && queue.DequeueAsync(1, TimeSpan.Zero).Result.Count == 0));
        var afterAWeek = await host.Client.GetInstanceAsync(id);
        clock.Advance(TimeSpan.FromDays(23));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Running, afterAWeek!.RuntimeStatus);
        Assert.Equal(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), result.ReadOutputAs<DateTime>());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }
}
