using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Delivery.Functions.Tests.DurableEngine;

/// <summary>The orchestrators and activities the engine scenarios run.</summary>
public static class DurableTestTasks
{
    public const string GoEvent = "Go";
    public const string PayloadEvent = "Payload";
    public const string ApproveEvent = "Approve";

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<BufferedEventOrchestrator>();
        registry.AddOrchestrator<TimerOrEventOrchestrator>();
        registry.AddOrchestrator<ParentOrchestrator>();
        registry.AddOrchestrator<ChildOrchestrator>();
        registry.AddOrchestrator<GenerationsOrchestrator>();
        registry.AddOrchestrator<CatchingActivityFailureOrchestrator>();
        registry.AddOrchestrator<FailingOrchestrator>();
        registry.AddOrchestrator<RetryingOrchestrator>();
        registry.AddOrchestrator<VersionReportingOrchestrator>();
        registry.AddOrchestrator<ThreeStepOrchestrator>();
        registry.AddActivity<GatedActivity>();
        registry.AddActivity<EchoActivity>();
        registry.AddActivity<ThrowingActivity>();
        registry.AddActivity<FlakyActivity>();
    }
}

/// <summary>Held by the test, awaited by <see cref="GatedActivity"/>: the test decides when the activity finishes.</summary>
public sealed class ActivityGate
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public Task WaitAsync(string key) => Gate(key).Task;

    public void Open(string key) => Gate(key).TrySetResult();

    private TaskCompletionSource Gate(string key) =>
        _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Counts calls per key, so a test can see how many attempts an activity had.</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public int Next(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Count(string key) => _attempts.GetValueOrDefault(key);
}

public sealed class GatedActivity(ActivityGate gate) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await gate.WaitAsync(input);
        return $"gate {input} opened";
    }
}

public sealed class EchoActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}

public sealed class ThrowingActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        throw new InvalidOperationException($"Project {input} has no sponsor");
}

/// <summary>Fails until its attempt number reaches the requested one, then reports the attempt that succeeded.</summary>
public sealed class FlakyActivity(AttemptCounter counter) : TaskActivity<FlakyRequest, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, FlakyRequest input)
    {
        var attempt = counter.Next(input.Key);
        return attempt < input.SucceedOnAttempt
            ? throw new TimeoutException($"Attempt {attempt} timed out")
            : Task.FromResult(attempt);
    }
}

public sealed record FlakyRequest(string Key, int SucceedOnAttempt);

/// <summary>
/// Waits for the payload event only after a gated activity: the test raises the event while the activity is held, so
/// the event reaches the instance before anything waits for it.
/// </summary>
public sealed class BufferedEventOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(GatedActivity), context.InstanceId);
        return await context.WaitForExternalEvent<string>(DurableTestTasks.PayloadEvent);
    }
}

/// <summary>Races an approval event against a long timer, cancelling the timer when the event wins.</summary>
public sealed class TimerOrEventOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int timerMinutes)
    {
        using var timerCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromMinutes(timerMinutes), timerCancellation.Token);
        var approval = context.WaitForExternalEvent<string>(DurableTestTasks.ApproveEvent);
        var winner = await Task.WhenAny(timer, approval);
        if (winner != approval)
        {
            return "timed out";
        }

        // Synchronous on purpose: CancelAsync would resume the orchestrator off its replay thread, and it never finishes.
        timerCancellation.Cancel();
        return $"approved by {await approval}; timer cancelled: {timer.IsCanceled}";
    }
}

public sealed class ParentOrchestrator : TaskOrchestrator<string[], string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string[] childIds)
    {
        var children = childIds.Select(id => context.CallSubOrchestratorAsync<string>(
            nameof(ChildOrchestrator), id, new SubOrchestrationOptions { InstanceId = id }));
        return await Task.WhenAll(children);
    }
}

public sealed class ChildOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(EchoActivity), $"child {context.InstanceId} of {context.Parent?.InstanceId}");
}

public sealed record Generations(int Generation, int Total, int Last);

/// <summary>Continues as new until the last generation, adding each generation's number to a running total.</summary>
public sealed class GenerationsOrchestrator : TaskOrchestrator<Generations, Generations>
{
    public override Task<Generations> RunAsync(TaskOrchestrationContext context, Generations input)
    {
        var next = input with { Total = input.Total + input.Generation };
        if (input.Generation < input.Last)
        {
            context.ContinueAsNew(next with { Generation = input.Generation + 1 });
        }

        return Task.FromResult(next);
    }
}

public sealed class CatchingActivityFailureOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(ThrowingActivity), input);
        }
        catch (TaskFailedException ex)
        {
            return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Lets the activity's failure escape, so the orchestration itself fails.</summary>
public sealed class FailingOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(ThrowingActivity), input);
}

public sealed class RetryingOrchestrator : TaskOrchestrator<FlakyRequest, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, FlakyRequest input)
    {
        var retry = new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1));
        return await context.CallActivityAsync<int>(nameof(FlakyActivity), input, TaskOptions.FromRetryPolicy(retry));
    }
}

/// <summary>Waits for a go-ahead, then reports the version the instance runs at.</summary>
public sealed class VersionReportingOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        await context.WaitForExternalEvent<string>(DurableTestTasks.GoEvent);
        return context.Version;
    }
}

/// <summary>Three activities in sequence: the measurement's unit of work.</summary>
public sealed class ThreeStepOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<string>(nameof(EchoActivity), input + "1");
        var b = await context.CallActivityAsync<string>(nameof(EchoActivity), a + "2");
        return await context.CallActivityAsync<string>(nameof(EchoActivity), b + "3");
    }
}
