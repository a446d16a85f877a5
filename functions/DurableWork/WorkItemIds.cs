using System.Text.Json;
using System.Text.RegularExpressions;

namespace Delivery.Functions.DurableWork;

/// <summary>
/// The ids telemetry tags a work item with: its orchestration instance id and, since every workflow instance id
/// of a project embeds the project id (<c>lifecycle-prj-…</c> and the gates derived from it), the project id.
/// </summary>
public static partial class WorkItemIds
{
    public static string? InstanceId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("instanceId") || property.NameEquals("InstanceId"))
                {
                    return property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not ours to judge here: the runtime reports malformed work items itself.
        }

        return null;
    }

    public static string? ProjectId(string body) => InstanceId(body) is { } id && ProjectIdPattern().Match(id) is { Success: true } match ? match.Value : null;

    [GeneratedRegex("prj-[0-9a-f]{24}")]
    private static partial Regex ProjectIdPattern();
}
