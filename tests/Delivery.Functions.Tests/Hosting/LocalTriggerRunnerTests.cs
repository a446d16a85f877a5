using Azure.Storage.Queues;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.App.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>Standalone, the app fires timer and queue triggers itself from the [Function] attributes, as the host would.</summary>
public sealed class LocalTriggerRunnerTests
{
    private readonly Recorder _recorder = new();

    [Fact]
    public async Task A_timer_fires_on_its_six_field_schedule_with_a_timer_info_naming_the_next_occurrence()
    {
        var clock = new WatchedClock(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 1, 0, TimeSpan.Zero)));
        using var services = Services();
        using var runner = new TimerTriggerRunner(Index(), services.GetRequiredService<IServiceScopeFactory>(), clock, new ConfigurationBuilder().Build(), NullLogger<TimerTriggerRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);

        // The runner's loop starts on a background thread: advance only once it waits for 09:05.
        await clock.TimerCreatedAsync();
        clock.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(200);
        Assert.Empty(_recorder.Calls);
        clock.Advance(TimeSpan.FromMinutes(1));
        var timer = Assert.IsType<TimerInfo>(await _recorder.NextAsync());

        Assert.Equal(new DateTime(2026, 11, 24, 9, 10, 0, DateTimeKind.Utc), timer.ScheduleStatus!.Next);
        Assert.False(timer.IsPastDue);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_queue_message_that_keeps_failing_moves_to_the_poison_queue_after_host_jsons_five_tries()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12] + "-";
        var queues = new QueueServiceClient("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(prefix + RecordingFunctions.QueueName);
        var poison = queues.GetQueueClient(prefix + RecordingFunctions.QueueName + "-poison");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("bad work");
        _recorder.FailWith = new InvalidOperationException("always fails");
        using var services = Services();
        using var runner = new QueueTriggerRunner(
            Index(), new AppQueues(queues, Options.Create(new StorageSettings { QueuePrefix = prefix })), HostJson.Defaults,
            Options.Create(new LocalTriggerSettings()), services.GetRequiredService<IServiceScopeFactory>(), NullLogger<QueueTriggerRunner>.Instance);

        await runner.StartAsync(CancellationToken.None);
        var poisoned = await WaitForMessageAsync(poison, TimeSpan.FromSeconds(40));
        await runner.StopAsync(CancellationToken.None);

        Assert.Equal("bad work", poisoned);
        Assert.Equal(5, _recorder.Calls.Count);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], _recorder.DequeueCounts);
        Assert.Equal("bad work", _recorder.Calls[0]);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        await queue.DeleteAsync();
        await poison.DeleteAsync();
    }

    private static FunctionIndex Index() => new(StandaloneFunction.FindAll([typeof(RecordingFunctions)]));

    private ServiceProvider Services() => new ServiceCollection().AddSingleton(_recorder).BuildServiceProvider();

    private static async Task<string?> WaitForMessageAsync(QueueClient queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await queue.ExistsAsync() && (await queue.PeekMessagesAsync()).Value is [var first, ..])
            {
                return first.MessageText;
            }

            await Task.Delay(250);
        }

        return null;
    }

    /// <summary>Functions whose only job is to record what the runners hand them.</summary>
    public sealed class RecordingFunctions(Recorder recorder)
    {
        public const string QueueName = "trigger-test";

        [Function("RecordingTimer")]
        public Task TimerAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer) => recorder.RecordAsync(timer, null);

        [Function("RecordingQueue")]
        public Task QueueAsync([QueueTrigger(QueueName)] string item, long dequeueCount) => recorder.RecordAsync(item, dequeueCount);
    }

    /// <summary>What the recording functions were called with; optionally fails every call.</summary>
    public sealed class Recorder
    {
        private readonly SemaphoreSlim _called = new(0);

        public List<object> Calls { get; } = [];

        public List<long> DequeueCounts { get; } = [];

        public Exception? FailWith { get; set; }

        public Task RecordAsync(object trigger, long? dequeueCount)
        {
            lock (Calls)
            {
                Calls.Add(trigger);
                if (dequeueCount is { } count)
                {
                    DequeueCounts.Add(count);
                }
            }

            _called.Release();
            return FailWith is null ? Task.CompletedTask : throw FailWith;
        }

        public async Task<object> NextAsync()
        {
            Assert.True(await _called.WaitAsync(TimeSpan.FromSeconds(10)), "the function was not invoked");
            return Calls[^1];
        }
    }

    /// <summary>A fake clock that tells when someone starts waiting on it, so a test never advances it too early.</summary>
    private sealed class WatchedClock(FakeTimeProvider inner) : TimeProvider
    {
        private readonly SemaphoreSlim _timerCreated = new(0);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            _timerCreated.Release();
            return timer;
        }

        public void Advance(TimeSpan by) => inner.Advance(by);

        public async Task TimerCreatedAsync() =>
            Assert.True(await _timerCreated.WaitAsync(TimeSpan.FromSeconds(30)), "the runner never started waiting");
    }
}
