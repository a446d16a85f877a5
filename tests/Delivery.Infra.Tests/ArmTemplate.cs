using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delivery.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by <c>scripts/bicep.sh check</c>, which also lints and fails on any warning.
/// The fixture runs the script itself (it restores the Bicep CLI from NuGet when missing), so a fresh machine needs
/// nothing beforehand and CI runs the Bicep checks through these tests; if the CLI cannot be had, every test here
/// fails with the script's output. DELIVERY_ARM_TEMPLATE may name a main.json already built by the script.
/// </summary>
public sealed class ArmTemplate
{
    public ArmTemplate()
    {
        var path = Environment.GetEnvironmentVariable("DELIVERY_ARM_TEMPLATE");
        if (string.IsNullOrEmpty(path))
        {
            ScriptRunner.Run("bicep.sh", "check");
            path = RepositoryPaths.Combine("artifacts", "infra", "main.json");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The compiled template {path} does not exist.", path);
        }

        Main = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        _folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
    }

    private readonly string _folder;

    /// <summary>A parameter's value in infra/main.{environment}.bicepparam, as built beside main.json.</summary>
    public JsonNode? EnvironmentParameter(string environment, string parameter)
    {
        var path = Path.Combine(_folder, $"main.{environment}.parameters.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} was not built (scripts/bicep.sh build builds it beside main.json).", path);
        }

        return JsonNode.Parse(File.ReadAllText(path))!["parameters"]?[parameter]?["value"];
    }

    public JsonObject Main { get; }

    /// <summary>The module deployment (Microsoft.Resources/deployments) with this name.</summary>
    public JsonObject Module(string name) =>
        Resources(Main).SingleOrDefault(r => Type(r) == "Microsoft.Resources/deployments" && (string?)r["name"] == name)
        ?? throw new InvalidOperationException($"main.bicep has no module deployment named '{name}'.");

    /// <summary>A literal parameter value passed to a module.</summary>
    public JsonNode ModuleParameter(string module, string parameter)
    {
        var value = Module(module)["properties"]?["parameters"]?[parameter]?["value"]
            ?? throw new InvalidOperationException($"Module '{module}' gets no value for '{parameter}'.");

        // main.bicep keeps the names in variables; a module parameter then reads "[variables('name')]".
        if (value is JsonValue text && (string?)text is { } expression
            && expression.StartsWith("[variables('", StringComparison.Ordinal) && expression.EndsWith("')]", StringComparison.Ordinal))
        {
            var name = expression["[variables('".Length..^"')]".Length];
            return Main["variables"]?[name] ?? throw new InvalidOperationException($"main.bicep has no variable '{name}'.");
        }

        return value;
    }

    /// <summary>A module's compile-time variable.</summary>
    public JsonNode ModuleVariable(string module, string variable) =>
        Module(module)["properties"]?["template"]?["variables"]?[variable]
        ?? throw new InvalidOperationException($"Module '{module}' has no variable '{variable}'.");

    /// <summary>The resources of a module's nested template.</summary>
    public IReadOnlyList<JsonObject> ModuleResources(string module) =>
        Resources(Module(module)["properties"]!["template"]!.AsObject());

    /// <summary>The one resource of this type in a module.</summary>
    public JsonObject ModuleResource(string module, string type, string? nameContains = null) =>
        ModuleResources(module).Single(r => Type(r) == type && (nameContains is null || ((string?)r["name"] ?? "").Contains(nameContains, StringComparison.Ordinal)));

    public static string? Type(JsonObject resource) => (string?)resource["type"];

    /// <summary>
    /// The Function App's fixed app settings. The template merges them with the workflowSettings parameter
    /// (<c>union(parameters('workflowSettings'), createObject('name', value, …))</c>), so they are read back from the
    /// createObject arguments, each value as the literal or "[expression]" a plain object would have held.
    /// </summary>
    public JsonObject AppSettings()
    {
        var properties = ModuleResource("functionapp", "Microsoft.Web/sites/config", "'appsettings'")["properties"]!;
        if (properties is JsonObject literal)
        {
            return literal;
        }

        var expression = (string)properties!;
        const string Prefix = "[union(parameters('workflowSettings'), createObject(";
        if (!expression.StartsWith(Prefix, StringComparison.Ordinal) || !expression.EndsWith("))]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected app settings expression: {expression}");
        }

        var arguments = SplitArguments(expression[Prefix.Length..^"))]".Length]);
        var settings = new JsonObject();
        for (var i = 0; i + 1 < arguments.Count; i += 2)
        {
            var value = arguments[i + 1];
            settings[Unquote(arguments[i])] = IsQuoted(value) ? Unquote(value) : $"[{value}]";
        }

        return settings;
    }

    private static bool IsQuoted(string text) => text.Length >= 2 && text[0] == '\'' && text[^1] == '\'';

    private static string Unquote(string text) => IsQuoted(text) ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : text;

    /// <summary>Splits ARM function arguments at top-level commas (outside quotes and brackets).</summary>
    private static List<string> SplitArguments(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '(' or '[')
            {
                depth++;
            }
            else if (!quoted && c is ')' or ']')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    /// <summary>A node as JSON text, with ARM expressions' quotes left readable.</summary>
    public static string Text(JsonNode node) => node.ToJsonString(_readable);

    private static readonly JsonSerializerOptions _readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()).ToList(),
            JsonObject byName => byName.Select(pair => pair.Value!.AsObject()).ToList(),
            _ => [],
        };
}
