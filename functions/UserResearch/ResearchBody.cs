using System.Text.Json;
using System.Text.Json.Serialization;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;

namespace Delivery.Functions.UserResearch;

/// <summary>
/// A research session as sent to <c>PUT /api/projects/{id}/research/{sessionId}</c>: date, method, number of
/// participants, findings and the backlog stories it informs. Any other field is refused by name, so nobody can
/// leave a participant's name or contact details in the log by adding a field of their own.
/// </summary>
public sealed record ResearchBody(DateOnly? Date, string? Method, int? Participants, string? Findings, IReadOnlyList<string?>? StoryIds)
{
    public const int MaxParticipants = 1_000;

    public static ResearchBody Empty { get; } = new(null, null, null, null, null);

    /// <summary>Fields the log does not keep: each is named in the problem.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; init; }

    /// <summary>Every bad field but the stories' existence (which needs the backlog), and the method when it is good.</summary>
    public (ResearchMethod? Method, Dictionary<string, string[]> Errors) Check(ProjectDocument project, InputLimits limits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Date("date", Date, ProjectRecordAccess.Start(project), today, errors, mustNotBeFuture: true);
        var method = RecordRules.Choice<ResearchMethod>("method", Method, required: true, errors);
        RecordRules.Range("participants", Participants, 1, MaxParticipants, errors);
        RecordRules.Text("findings", Findings, limits.MaxTextLength, required: true, errors);
        var stories = StoryIds ?? [];
        if (stories.Count > limits.MaxListItems)
        {
            errors["storyIds"] = [$"Link at most {limits.MaxListItems} stories."];
        }

        foreach (var name in (Others ?? []).Keys.Order(StringComparer.Ordinal).Take(limits.MaxListItems))
        {
            errors[name.Length > 64 ? name[..64] : name] =
                ["The research log keeps no participant's personal data and no other fields: give only the date, method, number of participants, findings and linked stories."];
        }

        return (method, errors);
    }
}
