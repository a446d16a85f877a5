namespace Delivery.Durable;

/// <summary>How a task is scheduled (retries), as in Microsoft.DurableTask.</summary>
public record TaskOptions
{
    public TaskOptions(TaskRetryOptions? retry = null)
    {
        Retry = retry;
    }

    public TaskRetryOptions? Retry { get; init; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Options for a sub-orchestration with the given instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string? instanceId) => new(this, instanceId);
}

/// <summary>Options for a sub-orchestration: retries and its instance id (deterministic from the parent when null).</summary>
public record SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options?.Retry)
    {
        InstanceId = instanceId ?? (options as SubOrchestrationOptions)?.InstanceId;
    }

    public string? InstanceId { get; init; }
}

/// <summary>Retry settings of a task, as in Microsoft.DurableTask.</summary>
public sealed record TaskRetryOptions
{
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    public RetryPolicy Policy { get; }

    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
