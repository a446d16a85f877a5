namespace Delivery.Durable;

/// <summary>
/// A filter for instance queries, as in Microsoft.DurableTask, plus two filters the SDK lacks: <see cref="Name"/>
/// (orchestration name, case-insensitive) and <see cref="CustomStatus"/> (equal after serialization).
/// </summary>
public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    public const int DefaultPageSize = 100;

    public string? Name { get; init; }

    public object? CustomStatus { get; init; }
}

/// <summary>Which instances <see cref="DurableTaskClient.PurgeAllInstancesAsync"/> deletes (finished ones only).</summary>
public record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge deleted.</summary>
public sealed class PurgeResult(int purgedInstanceCount)
{
    public int PurgedInstanceCount { get; } = purgedInstanceCount;
}
