namespace Delivery.Durable;

/// <summary>An orchestrator the runtime can run without knowing its input and output types.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// Base class for class-based orchestrators, as in Microsoft.DurableTask. The code must be deterministic: it is
/// replayed from history on every turn (time from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, ids from
/// <see cref="TaskOrchestrationContext.NewGuid"/>, no I/O, no <c>Task.Run</c> or <c>Task.Delay</c>).
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await RunAsync(context, input is null ? default! : (TInput)input);
    }
}
