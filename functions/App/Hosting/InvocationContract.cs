using System.Text.Json;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger: trigger data by binding name,
/// and metadata (queue message properties, <c>sys</c> with MethodName, UtcNow, RandGuid).
/// </summary>
public sealed record InvocationRequest
{
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    public Dictionary<string, JsonElement> Metadata { get; init; } = [];

    /// <summary>A binding's data as text: the host sends strings as JSON strings, objects as objects.</summary>
    public string? DataAsText(string bindingName) =>
        Data.TryGetValue(bindingName, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public int MetadataAsInt(string name, int fallback) =>
        Metadata.TryGetValue(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out fallback),
            JsonValueKind.String => int.TryParse(value.GetString(), out fallback),
            _ => false,
        }
            ? fallback
            : fallback;
}

/// <summary>The reply the host expects: output bindings, log lines for its log stream, and a return value.</summary>
public sealed record InvocationResponse
{
    public Dictionary<string, object?> Outputs { get; init; } = [];

    public List<string> Logs { get; init; } = [];

    public object? ReturnValue { get; init; }
}
