namespace Delivery.Durable;

/// <summary>The state of an orchestration instance, as in Microsoft.DurableTask.</summary>
public sealed class OrchestrationMetadata(string name, string instanceId)
{
    public string Name { get; } = name;

    public string InstanceId { get; } = instanceId;

    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The version the instance runs (ours).</summary>
    public string? Version { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    internal DataConverter DataConverter { get; init; } = JsonDataConverter.Default;

    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);

    public override string ToString() => $"{Name} ({InstanceId}): {RuntimeStatus}";
}
