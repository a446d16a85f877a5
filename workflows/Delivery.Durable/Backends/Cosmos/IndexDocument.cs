using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// The index entry of one instance, in its hash bucket. <see cref="States"/> usually holds one state; while a commit
/// that changes status or custom status is in flight it holds the old and the new one, so a crash between the
/// instance commit and the index update can make a query read too much (readers check the instance document and
/// repair the entry) but never miss an instance.
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
