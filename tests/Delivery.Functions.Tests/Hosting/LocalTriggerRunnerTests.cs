using Azure.Storage.Queues;
using Delivery.Functions.App.Hosting;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>Standalone, the app fires timer and queue triggers itself from function.json, as the host would.</summary>
public sealed class LocalTriggerRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("functions-").FullName;
    private readonly RecordingHandler _handler = new();

    [Fact]
    public async Task A_timer_fires_on_its_six_field_schedule_with_the_hosts_payload()
    {
        WriteFunction("""{"bindings":[{"type":"timerTrigger","direction":"in","name":"timer","schedule":"0 */5 * * * *"}]}""");
        var clock = new WatchedClock(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 1, 0, TimeSpan.Zero)));
        using var runner = new TimerTriggerRunner(new FunctionCatalog(_directory), Invoker(), clock, new ConfigurationBuilder().Build(), NullLogger<TimerTriggerRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);

        // The runner's loop starts on a background thread: advance only once it waits for 09:05.
        await clock.TimerCreatedAsync();
        clock.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(200);
        Assert.Empty(_handler.Calls);
        clock.Advance(TimeSpan.FromMinutes(1));
        var call = await _handler.NextAsync();

        var timer = TimerInfo.From(call, "timer");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero), timer.ScheduleStatus!.Next);
        Assert.False(timer.IsPastDue);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_queue_message_that_keeps_failing_moves_to_the_poison_queue_after_five_tries()
    {
        var queueName = "trigger-test-" + Guid.NewGuid().ToString("N")[..12];
        WriteFunction($$"""{"bindings":[{"type":"queueTrigger","direction":"in","name":"item","queueName":"{{queueName}}","connection":"AzureWebJobsStorage"}]}""");
        var queues = new QueueServiceClient("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(queueName);
        var poison = queues.GetQueueClient(queueName + "-poison");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("bad work");
        _handler.FailWith = new InvalidOperationException("always fails");
        using var runner = new QueueTriggerRunner(new FunctionCatalog(_directory), Invoker(), new AppQueues(queues, Options.Create(new StorageSettings())), Options.Create(new LocalTriggerSettings()), NullLogger<QueueTriggerRunner>.Instance);

        await runner.StartAsync(CancellationToken.None);
        var poisoned = await WaitForMessageAsync(poison, TimeSpan.FromSeconds(40));
        await runner.StopAsync(CancellationToken.None);

        Assert.Equal("bad work", poisoned);
        Assert.Equal(5, _handler.Calls.Count);
        Assert.Equal([1, 2, 3, 4, 5], _handler.Calls.Select(c => c.MetadataAsInt("DequeueCount", 0)));
        Assert.Equal("bad work", _handler.Calls[0].DataAsText("item"));
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        await queue.DeleteAsync();
        await poison.DeleteAsync();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private FunctionInvoker Invoker() => new([_handler], NullLogger<FunctionInvoker>.Instance);

    private void WriteFunction(string json)
    {
        Directory.CreateDirectory(Path.Combine(_directory, RecordingHandler.FunctionName));
        File.WriteAllText(Path.Combine(_directory, RecordingHandler.FunctionName, "function.json"), json);
    }

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

    private sealed class RecordingHandler : IFunctionHandler
    {
        public const string FunctionName = "RecordingFunction";

        private readonly SemaphoreSlim _called = new(0);

        public List<InvocationRequest> Calls { get; } = [];

        public Exception? FailWith { get; set; }

        public string Name => FunctionName;

        public Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(request);
            }

            _called.Release();
            return FailWith is null ? Task.FromResult(new InvocationResponse()) : throw FailWith;
        }

        public async Task<InvocationRequest> NextAsync()
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
