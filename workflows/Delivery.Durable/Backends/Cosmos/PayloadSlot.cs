using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>A string stored in the document (<see cref="Value"/>) or in Blob Storage (<see cref="Blob"/>, its name).</summary>
internal sealed class PayloadSlot
{
    [JsonPropertyName("v")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; set; }

    [JsonPropertyName("b")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Blob { get; set; }
}
