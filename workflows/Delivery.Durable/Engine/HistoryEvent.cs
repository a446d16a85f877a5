using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Durable.Engine;

/// <summary>The kinds of history event, as in DurableTask.Core.</summary>
internal enum HistoryEventType
{
    OrchestratorStarted,
    ExecutionStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    EventRaised,
    EventSent,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    ExecutionCompleted,
    ExecutionTerminated,
    ContinueAsNew,
    ExecutionSuspended,
    ExecutionResumed,
}

/// <summary>
/// One entry of an instance's history. A flat record: <see cref="EventId"/> is the task id of scheduling events and
/// the scheduled task's id on completions; the other fields are set where they apply.
/// </summary>
internal sealed record HistoryEvent
{
    public HistoryEventType Type { get; init; }

    public int EventId { get; init; } = -1;

    public DateTimeOffset Timestamp { get; init; }

    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Input { get; init; }

    public string? Result { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    /// <summary>Sub-orchestration or event target instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The random id of the turn that scheduled a task; completions must echo it.</summary>
    public string? TurnId { get; init; }

    /// <summary>The inbound message this event came from (events raised: de-duplication key).</summary>
    public string? MessageId { get; init; }

    public OrchestrationRuntimeStatus? Status { get; init; }

    public string? ParentName { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public int? ParentTaskId { get; init; }

    public string? ParentTurnId { get; init; }

    /// <summary>On ExecutionStarted after ContinueAsNew: events the previous execution consumed (de-duplication).</summary>
    public IReadOnlyList<string>? PreviousEventIds { get; init; }

    public static HistoryEvent Parse(string json) => JsonSerializer.Deserialize(json, EngineJson.Options.GetTypeInfo(typeof(HistoryEvent))) as HistoryEvent
        ?? throw new InvalidOperationException("Empty history event.");

    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Options);

    public bool IsScheduling => Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated
        or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent;

    public bool IsCompletion => Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
        or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed;
}

/// <summary>JSON settings for the engine's own documents (history events and queue messages).</summary>
internal static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };
}
