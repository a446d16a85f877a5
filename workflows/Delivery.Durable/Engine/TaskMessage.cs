using System.Text.Json;

namespace Delivery.Durable.Engine;

/// <summary>The kinds of message on the work queue.</summary>
internal enum TaskMessageKind
{
    ExecutionStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerFired,
    EventRaised,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    Terminate,
    Suspend,
    Resume,
}

/// <summary>
/// A message on the work queue (JSON). <see cref="TaskMessageKind.TaskScheduled"/> is an activity work item; every
/// other kind is for the orchestration <see cref="InstanceId"/>. <see cref="ExecutionId"/> null means "whatever
/// execution is current" (client messages).
/// </summary>
internal sealed record TaskMessage
{
    public TaskMessageKind Kind { get; init; }

    public required string MessageId { get; init; }

    public required string InstanceId { get; init; }

    public string? ExecutionId { get; init; }

    public int? TaskId { get; init; }

    public string? TurnId { get; init; }

    /// <summary>Activity, orchestration or event name.</summary>
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Input { get; init; }

    public string? Result { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>Not to be handled before this time (timers, scheduled starts); re-enqueued when dequeued early.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    public string? ParentName { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public int? ParentTaskId { get; init; }

    public string? ParentTurnId { get; init; }

    /// <summary>On sub-orchestration completions: the child instance that completed.</summary>
    public string? SourceInstanceId { get; init; }

    /// <summary>
    /// When an ExecutionStarted was issued: a start for another execution only replaces a finished instance that was
    /// last updated before it, so an orphaned old start can never restart an instance.
    /// </summary>
    public DateTimeOffset? Issued { get; init; }

    /// <summary>On a ContinueAsNew start: ids of the events the previous execution consumed, still treated as duplicates.</summary>
    public IReadOnlyList<string>? PreviousEventIds { get; init; }

    /// <summary>How many times this message was put back as a copy (host mode) because it arrived too early.</summary>
    public int Attempts { get; init; }

    public bool IsActivityWorkItem => Kind == TaskMessageKind.TaskScheduled;

    public static TaskMessage Parse(string json) => JsonSerializer.Deserialize(json, EngineJson.Options.GetTypeInfo(typeof(TaskMessage))) as TaskMessage
        ?? throw new InvalidOperationException("Empty task message.");

    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Options);
}
