using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>The queryable facts of one instance as the index stores them.</summary>
internal sealed record IndexState
{
    /// <summary>Orchestration name in lower case (queries by name are case-insensitive).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    public OrchestrationRuntimeStatus Status { get; init; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>SHA-256 of the serialized custom status (it can be up to the payload size), null when there is none.</summary>
    [JsonPropertyName("customStatusHash")]
    public string? CustomStatusHash { get; init; }

    public static IndexState From(InstanceRecord record) => new()
    {
        Name = record.Name.ToLowerInvariant(),
        Status = record.RuntimeStatus,
        CreatedAt = record.CreatedAt,
        CustomStatusHash = record.SerializedCustomStatus is null ? null : CosmosIds.ContentHash(record.SerializedCustomStatus),
    };

    public bool Matches(string instanceId, InstanceFilter filter) =>
        (filter.CreatedFrom is not { } from || CreatedAt >= from)
        && (filter.CreatedTo is not { } to || CreatedAt <= to)
        && (filter.Statuses is not { Count: > 0 } statuses || statuses.Contains(Status))
        && (filter.InstanceIdPrefix is not { } prefix || instanceId.StartsWith(prefix, StringComparison.Ordinal))
        && (filter.Name is not { } name || string.Equals(Name, name, StringComparison.OrdinalIgnoreCase))
        && (filter.CustomStatus is not { } customStatus || CustomStatusHash == CosmosIds.ContentHash(customStatus));
}
