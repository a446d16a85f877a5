using System.Globalization;
using System.Text.Json;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// A request's fields as flat paths (<c>requester.email</c>, <c>benefits[0].date</c>), whether they came as JSON or
/// as an HTML form. One reader then validates both, and errors name fields the same way for both.
/// </summary>
public sealed class RequestFields
{
    private readonly Dictionary<string, string> _values;

    private RequestFields(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string path] => _values.TryGetValue(path, out var value) ? value : null;

    /// <summary>The indexes present for a list, e.g. 0 and 1 for <c>benefits[0].measure</c> and <c>benefits[1].owner</c>.</summary>
    public IReadOnlyList<int> IndexesOf(string list)
    {
        var prefix = list + "[";
        return _values.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..k.IndexOf(']', StringComparison.Ordinal)])
            .Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Distinct()
            .Order()
            .ToList();
    }

    public static RequestFields FromJson(JsonElement root)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(root, string.Empty, values);
        return new RequestFields(values);
    }

    public static RequestFields FromForm(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form) =>
        new(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}[{index++}]", values);
                }

                break;
            case JsonValueKind.String:
                values[path] = element.GetString()!;
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                values[path] = element.GetRawText();
                break;
        }
    }
}
