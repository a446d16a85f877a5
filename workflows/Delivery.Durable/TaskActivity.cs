namespace Delivery.Durable;

/// <summary>An activity the runtime can run without knowing its input and output types.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>Base class for class-based activities, as in Microsoft.DurableTask.</summary>
/// <remarks>
/// Activities run at least once (a crash after the work but before its completion is recorded runs it again), so
/// their side effects must be idempotent: key them by instance id and step.
/// </remarks>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await RunAsync(context, input is null ? default! : (TInput)input);
    }
}

/// <summary>What an activity knows about the call that runs it.</summary>
public abstract class TaskActivityContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }
}
