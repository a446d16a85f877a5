using System.Text.Json;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// Reads <c>local.settings.json</c> the way the Functions tooling does: its <c>Values</c> become settings, and
/// <c>__</c> in a name means nesting. Environment variables still win, as they do under the Functions host.
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    /// <summary>Finds the file in the working directory or a parent of it (the repository root when run from functions/).</summary>
    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return values;
    }
}
