namespace Delivery.Durable;

/// <summary>One event of an instance's history, as returned by <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/>.</summary>
public sealed record OrchestrationHistoryEvent(int EventId, string EventType, DateTimeOffset Timestamp)
{
    /// <summary>Activity, orchestration or event name.</summary>
    public string? Name { get; init; }

    /// <summary>On completions: the id of the task they complete.</summary>
    public int? ScheduledTaskId { get; init; }

    public string? Input { get; init; }

    public string? Result { get; init; }

    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    /// <summary>Sub-orchestration or event target instance.</summary>
    public string? InstanceId { get; init; }
}
