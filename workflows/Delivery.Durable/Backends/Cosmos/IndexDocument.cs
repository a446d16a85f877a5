using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// The index entry of one instance, in its hash bucket. <see cref="States"/> holds the state before the instance's last
/// status change and the one after it (one of them is true whatever happened to the commit), or only the true one
/// once a query has checked it against the instance document. Queries may read an entry too many, never miss one.
/// </summary>
internal sealed class IndexDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("bucket")]
    public required string Bucket { get; set; }

    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; set; }

    [JsonPropertyName("states")]
    public List<IndexState> States { get; set; } = [];

    /// <summary>Read from the server; never set on documents being written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}
