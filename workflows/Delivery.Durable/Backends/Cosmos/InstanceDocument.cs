using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>The Cosmos document of one instance: status, payloads, history and pending events, committed at once.</summary>
internal sealed class InstanceDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; set; }

    [JsonPropertyName("executionId")]
    public required string ExecutionId { get; set; }

    [JsonPropertyName("name")]
    public required string Name { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("runtimeStatus")]
    public OrchestrationRuntimeStatus RuntimeStatus { get; set; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("lastUpdatedAt")]
    public DateTimeOffset LastUpdatedAt { get; set; }

    [JsonPropertyName("input")]
    public PayloadSlot? Input { get; set; }

    [JsonPropertyName("output")]
    public PayloadSlot? Output { get; set; }

    [JsonPropertyName("customStatus")]
    public PayloadSlot? CustomStatus { get; set; }

    [JsonPropertyName("failureDetails")]
    public PayloadSlot? FailureDetails { get; set; }

    [JsonPropertyName("parentInstanceId")]
    public string? ParentInstanceId { get; set; }

    [JsonPropertyName("parentExecutionId")]
    public string? ParentExecutionId { get; set; }

    [JsonPropertyName("parentTaskId")]
    public int? ParentTaskId { get; set; }

    [JsonPropertyName("history")]
    public List<PayloadSlot> History { get; set; } = [];

    [JsonPropertyName("pendingEvents")]
    public List<PayloadSlot> PendingEvents { get; set; } = [];
}
