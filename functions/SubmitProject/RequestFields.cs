using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// A request's fields as flat paths (<c>requester.email</c>, <c>benefits[0].date</c>), whether they came as JSON or
/// as an HTML form. One reader then validates both, and errors name fields the same way for both.
/// </summary>
public sealed partial class RequestFields
{
    /// <summary>Highest list index a field name may carry: no list holds anywhere near this many entries.</summary>
    public const int MaxIndex = 999;

    private const int MaxNameLength = 200;

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
            .Select(k => LeadingIndex().Match(k, prefix.Length))
            .Where(m => m.Success)
            .Select(m => int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n is >= 0 and <= MaxIndex)
            .Distinct()
            .Order()
            .ToList();
    }

    /// <summary>
    /// Names every field whose name is not a path like <c>benefits[0].date</c> (letters and digits, dots between
    /// parts, an index of up to <see cref="MaxIndex"/> after a part): such a name is a client's mistake, and silently
    /// ignoring it would drop what the person meant to send.
    /// </summary>
    public void CheckNames(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var name in _values.Keys.Where(k => !IsWellFormed(k)))
        {
            errors.Add(Shown(name), $"This is not a field name the service knows: write names like title or benefits[0].date, with list indexes from 0 to {MaxIndex}.");
        }
    }

    public static bool IsWellFormed(string name)
    {
        if (name.Length > MaxNameLength || !FieldPath().IsMatch(name))
        {
            return false;
        }

        return Index().Matches(name).All(m => int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= MaxIndex);
    }

    /// <summary>A bad name as the error shows it: short, and without control characters.</summary>
    private static string Shown(string name)
    {
        var clean = new string(name.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return name.Length > 60 ? clean + "…" : clean;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?)*$")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();

    [GeneratedRegex(@"\G(\d+)\]")]
    private static partial Regex LeadingIndex();

    /// <summary>Fields kept as paths already, as the request form's draft keeps them.</summary>
    public static RequestFields FromValues(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new RequestFields(new Dictionary<string, string>(values, StringComparer.Ordinal));
    }

    public static RequestFields FromJson(JsonElement root)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(root, string.Empty, values);
        return new RequestFields(values);
    }

    /// <summary>
    /// From a posted form. A field sent twice is an error (its values would otherwise be joined with a comma), and
    /// so is multipart text that did not decode as UTF-8 (it arrives as U+FFFD).
    /// </summary>
    public static RequestFields FromForm(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (value.Count > 1)
            {
                errors.Add(Shown(name), "Send this field once.");
            }

            if (name.Contains('\uFFFD', StringComparison.Ordinal) || value.Any(v => v?.Contains('\uFFFD', StringComparison.Ordinal) == true))
            {
                errors.Add(Shown(name), "This field is not valid UTF-8 text.");
            }

            values[name] = value.ToString();
        }

        return new RequestFields(values);
    }

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
