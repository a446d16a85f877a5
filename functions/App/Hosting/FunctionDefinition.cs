using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Functions.App.Hosting;

/// <summary>A function as the Functions host sees it: its folder name and the bindings in its function.json.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public bool IsHttp => Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    public static FunctionDefinition Load(string functionJsonPath)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(functionJsonPath))!;
        using var stream = File.OpenRead(functionJsonPath);
        var file = JsonSerializer.Deserialize<FunctionJson>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{functionJsonPath} is empty.");
        return new FunctionDefinition(name, file.Bindings ?? []);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record FunctionJson(IReadOnlyList<FunctionBinding>? Bindings);
}

/// <summary>One binding from function.json; only the properties this app uses.</summary>
public sealed record FunctionBinding
{
    public required string Type { get; init; }

    public string Direction { get; init; } = "in";

    public required string Name { get; init; }

    public string? Schedule { get; init; }

    public string? QueueName { get; init; }

    public string? Connection { get; init; }

    public string? Route { get; init; }

    public IReadOnlyList<string>? Methods { get; init; }

    public string? AuthLevel { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
