namespace Delivery.Durable.Backends;

/// <summary>
/// Everything stored for one orchestration instance: its status, its serialized input/output/custom status and its
/// history. The engine commits the whole record at once, so status and history can never disagree.
/// </summary>
/// <remarks>Backends store strings as given; the Cosmos backend moves any over 45 KB to Blob Storage.</remarks>
public sealed class InstanceRecord
{
    public required string InstanceId { get; init; }

    /// <summary>Changes on every ContinueAsNew; messages for an older execution are dropped.</summary>
    public required string ExecutionId { get; set; }

    public required string Name { get; set; }

    public string? Version { get; set; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public string? SerializedInput { get; set; }

    public string? SerializedOutput { get; set; }

    public string? SerializedCustomStatus { get; set; }

    /// <summary>JSON of <c>TaskFailureDetails</c> when the instance failed.</summary>
    public string? SerializedFailureDetails { get; set; }

    /// <summary>The parent, when this is a sub-orchestration (instance id, execution id, task id in the parent).</summary>
    public string? ParentInstanceId { get; set; }

    public string? ParentExecutionId { get; set; }

    public int? ParentTaskId { get; set; }

    /// <summary>The history of the current execution as JSON history events, oldest first.</summary>
    public List<string> History { get; set; } = [];

    /// <summary>
    /// Messages (JSON task messages) that arrived before the instance could handle them: while it was Pending or
    /// Suspended, and unconsumed events carried over by ContinueAsNew. The next turn that can handle them does.
    /// Events that arrive while the instance runs go into history and are buffered by replay until waited for.
    /// </summary>
    public List<string> PendingEvents { get; set; } = [];

    /// <summary>Set by the backend on read and commit; the commit is refused if the stored one differs.</summary>
    public string? ETag { get; set; }
}

/// <summary>Filters for <see cref="IInstanceStore.QueryAsync"/>; every condition given must hold.</summary>
public sealed record InstanceFilter
{
    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public string? InstanceIdPrefix { get; init; }

    /// <summary>Orchestration name, compared case-insensitively.</summary>
    public string? Name { get; init; }

    /// <summary>Exact serialized custom status (JSON).</summary>
    public string? CustomStatus { get; init; }

    public int PageSize { get; init; } = 100;

    public string? ContinuationToken { get; init; }
}
