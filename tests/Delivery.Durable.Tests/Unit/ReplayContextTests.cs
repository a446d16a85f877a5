using Delivery.Durable.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delivery.Durable.Tests.Unit;

public sealed class ReplayContextTests
{
    private static readonly DateTimeOffset _t0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Execute_HistoryHasTaskTheCodeNoLongerSchedules_FailsNamingTheStep()
    {
        var orchestrator = Orchestrator(_ => Task.FromResult<object?>("done"));
        var past = new[] { Started(), Start(), new HistoryEvent { Type = HistoryEventType.TaskScheduled, EventId = 0, Name = "Removed", TurnId = "t" } };

        var result = NewContext().Execute(orchestrator, past, [Started()]);

        Assert.Equal(ReplayOutcome.Failed, result.Outcome);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Failure!.ErrorType);
        Assert.Contains("step #0", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'Removed'", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("scheduled nothing", result.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_NewActivity_IsEmittedWithTheTurnIdAndNotReplaying()
    {
        var replaying = new List<bool>();
        var orchestrator = Orchestrator(async ctx =>
        {
            replaying.Add(ctx.IsReplaying);
            return await ctx.CallActivityAsync<int>("Work", 1);
        });

        var result = NewContext("turn-1").Execute(orchestrator, [], [Started(), Start()]);

        Assert.Equal(ReplayOutcome.Running, result.Outcome);
        var scheduled = Assert.Single(result.NewEvents);
        Assert.Equal((HistoryEventType.TaskScheduled, 0, "Work", "turn-1"), (scheduled.Type, scheduled.EventId, scheduled.Name, scheduled.TurnId));
        var message = Assert.Single(result.Outbound);
        Assert.Equal((TaskMessageKind.TaskScheduled, 0, "turn-1", "1"), (message.Kind, message.TaskId, message.TurnId, message.Input));
        Assert.Equal([false], replaying);
    }

    [Fact]
    public void Execute_ReplaysCompletedActivity_ThenCompletesWithItsResult()
    {
        var replaying = new List<bool>();
        var orchestrator = Orchestrator(async ctx =>
        {
            replaying.Add(ctx.IsReplaying);
            var value = await ctx.CallActivityAsync<int>("Work", 1);
            replaying.Add(ctx.IsReplaying);
            return value + 1;
        });
        var past = new[] { Started(), Start(), new HistoryEvent { Type = HistoryEventType.TaskScheduled, EventId = 0, Name = "Work", TurnId = "t" } };
        var news = new[] { Started(), new HistoryEvent { Type = HistoryEventType.TaskCompleted, EventId = 0, Result = "41" } };

        var result = NewContext().Execute(orchestrator, past, news);

        Assert.Equal(ReplayOutcome.Completed, result.Outcome);
        Assert.Equal("42", result.Output);
        Assert.Empty(result.NewEvents);
        Assert.Equal([true, false], replaying);
    }

    [Fact]
    public void NewGuid_IsTheSameOnEveryReplayAndDiffersWithinOne()
    {
        var orchestrator = Orchestrator(ctx => Task.FromResult<object?>(new[] { ctx.NewGuid(), ctx.NewGuid() }));

        var first = NewContext().Execute(orchestrator, [], [Started(), Start()]);
        var second = NewContext().Execute(orchestrator, [], [Started(), Start()]);

        Assert.Equal(first.Output, second.Output);
        var guids = JsonDataConverter.Default.Deserialize<Guid[]>(first.Output)!;
        Assert.NotEqual(guids[0], guids[1]);
    }

    [Fact]
    public void Execute_CancelledTimer_NoLongerKeepsTheInstanceRunning()
    {
        var orchestrator = Orchestrator(async ctx =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(TimeSpan.FromDays(1), cts.Token);
#pragma warning disable CA1849 // the cancel callback must run now, on the orchestrator's thread
            cts.Cancel();
#pragma warning restore CA1849
            await Task.WhenAny(timer);
            return timer.IsCanceled;
        });

        var result = NewContext().Execute(orchestrator, [], [Started(), Start()]);

        Assert.Equal(ReplayOutcome.Completed, result.Outcome);
        Assert.Equal("true", result.Output);
        Assert.Equal(HistoryEventType.TimerCreated, Assert.Single(result.NewEvents).Type);
    }

    [Fact]
    public void Execute_OrchestratorNotRegistered_FailsWithAClearMessage()
    {
        var result = NewContext().Execute(null, [], [Started(), Start()]);

        Assert.Equal(ReplayOutcome.Failed, result.Outcome);
        Assert.Contains("No orchestrator named 'Test'", result.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    private static ReplayContext NewContext(string turnId = "turn")
        => new(new ExecutionInfo("i-1", "e-1", "Test", null, null, null, _t0), JsonDataConverter.Default, NullLoggerFactory.Instance, turnId);

    private static HistoryEvent Started() => new() { Type = HistoryEventType.OrchestratorStarted, Timestamp = _t0 };

    private static HistoryEvent Start() => new() { Type = HistoryEventType.ExecutionStarted, Timestamp = _t0, Name = "Test" };

    private static Inline Orchestrator(Func<TaskOrchestrationContext, Task<object?>> run) => new Inline(run);

    private sealed class Inline(Func<TaskOrchestrationContext, Task<object?>> run) : TaskOrchestrator<object?, object?>
    {
        public override Task<object?> RunAsync(TaskOrchestrationContext context, object? input) => run(context);
    }
}
