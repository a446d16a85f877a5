using System.Text.Json.Nodes;

namespace Delivery.Functions.App.Standalone;

/// <summary>
/// The host.json settings the standalone host honours, read from the copy beside the app (the one the Functions
/// host reads): the HTTP route prefix and the queue trigger's tries and message encoding.
/// </summary>
public sealed record HostJson(string RoutePrefix, int MaxDequeueCount, string MessageEncoding)
{
    public const string FileName = "host.json";

    /// <summary>The Functions host's defaults, for when host.json leaves a value out.</summary>
    public static HostJson Defaults { get; } = new("api", 5, "base64");

    public bool Base64Messages => MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase);

    public static HostJson Load(string directory)
    {
        var extensions = Extensions(directory);
        if (extensions is null)
        {
            return Defaults;
        }

        return new HostJson(
            (string?)extensions?["http"]?["routePrefix"] ?? Defaults.RoutePrefix,
            (int?)extensions?["queues"]?["maxDequeueCount"] ?? Defaults.MaxDequeueCount,
            (string?)extensions?["queues"]?["messageEncoding"] ?? Defaults.MessageEncoding);
    }

    /// <summary>host.json's <c>extensions</c> section beside the app (comments allowed, as the Functions host reads it), or null without one.</summary>
    public static JsonNode? Extensions(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })?["extensions"]
            : null;
    }
}
