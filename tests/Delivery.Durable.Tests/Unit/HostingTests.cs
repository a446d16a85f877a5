using Delivery.Durable.Backends;
using Delivery.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Tests.Unit;

public sealed partial class HostingTests
{
    [Fact]
    public async Task AddDurableTaskWorker_ClassBasedTasks_GetTheirDependenciesAndRun()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new Greeting("Hello"));
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => r.AddOrchestrator<GreetOrchestrator>().AddActivity<GreetActivity>())
            .UseInMemoryBackend());
        builder.Services.AddDurableTaskClient(b => b.UseInMemoryBackend());
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), "Ada");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await client.WaitForInstanceCompletionAsync(id, true, guard.Token);
        await host.StopAsync();

        Assert.Equal("Hello, Ada (greet)", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ProcessMessageAsync_HostOwnsTheQueue_RunsAnOrchestrationToCompletion()
    {
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r.AddActivityFunc<int, int>("Double", (_, n) => n * 2)
                .AddOrchestratorFunc<int, int>("Doubler", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", n)),
            new DurableTaskTestHostOptions { ConfigureWorker = o => o.EnablePolling = false });
        var worker = host.Services.GetRequiredService<DurableTaskWorker>();
        var queue = host.Services.GetRequiredService<ITaskHubBackend>().WorkQueue;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Doubler", 21);

        // Play the Functions host: take a message, hand it over, delete it when the call returns.
        for (var i = 0; i < 20 && !(await host.Client.GetInstanceAsync(id))!.IsCompleted; i++)
        {
            foreach (var message in await queue.DequeueAsync(1, TimeSpan.FromMinutes(1)))
            {
                await worker.ProcessMessageAsync(message);
                await queue.DeleteAsync(message);
            }
        }

        var result = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(42, result!.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ProcessMessageAsync_BadMessage_ThrowsUntilTheLastTryThenGoesToPoison()
    {
        await using var host = await DurableTaskTestHost.StartAsync(_ => { }, new DurableTaskTestHostOptions { ConfigureWorker = o => o.EnablePolling = false });
        var worker = host.Services.GetRequiredService<DurableTaskWorker>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.ProcessMessageAsync(new QueuedMessage("m1", "{not json", 1, DateTimeOffset.UtcNow, 1)));
        await worker.ProcessMessageAsync(new QueuedMessage("m1", "{not json", 5, DateTimeOffset.UtcNow, 5));

        var poison = Assert.Single(await host.Client.GetPoisonMessagesAsync());
        Assert.Equal(("m1", 5), (poison.Id, poison.DequeueCount));
    }

    [Fact]
    public async Task ReplaySafeLogger_WritesEachMessageOnceAcrossReplays()
    {
        var sink = new ListLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(sink));
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r.AddActivityFunc<int>("Step", _ => 1).AddOrchestratorFunc<int>("Logged", async ctx =>
            {
                var logger = ctx.CreateReplaySafeLogger("Flow");
                LogStep(logger, "before");
                var a = await ctx.CallActivityAsync<int>("Step");
                LogStep(logger, "middle");
                var b = await ctx.CallActivityAsync<int>("Step");
                LogStep(logger, "after");
                return a + b;
            }),
            new DurableTaskTestHostOptions { LoggerFactory = loggerFactory });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Logged");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceCompletionAsync(id, cancellation: guard.Token);

        Assert.Equal(["before", "middle", "after"], sink.Messages.Where(m => m.Category == "Flow").Select(m => m.Text));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Step}")]
    private static partial void LogStep(ILogger logger, string step);

    private sealed record Greeting(string Word);

    private sealed class GreetOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
            => await context.CallActivityAsync<string>(nameof(GreetActivity), input);
    }

    private sealed class GreetActivity(Greeting greeting) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
            => Task.FromResult($"{greeting.Word}, {input} ({context.Name.Name[..5].ToLowerInvariant()})");
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly List<(string Category, string Text)> _messages = [];

        public IReadOnlyList<(string Category, string Text)> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToList();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(string category, List<(string, string)> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (messages)
                {
                    messages.Add((category, formatter(state, exception)));
                }
            }
        }
    }
}
