using Delivery.Functions.App.Projects;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Backlog;

/// <summary>
/// A backlog item as sent to <c>PUT /api/projects/{id}/backlog/{storyId}</c>: <c>{"kind","title","userNeed",
/// "acceptanceCriteria":[…],"successMetric","epicId","release","priority"}</c>. Each PUT states the whole item except
/// its status, which changes only by a move. <c>kind</c> is <c>story</c> (the default) or <c>epic</c>.
/// </summary>
public sealed record StoryBody(string? Kind, string? Title, string? UserNeed, IReadOnlyList<string?>? AcceptanceCriteria, string? SuccessMetric, string? EpicId, string? Release, int? Priority)
{
    public static readonly StoryBody Empty = new(null, null, null, null, null, null, null, null);

    public const int MaxPriority = 1_000_000;

    /// <summary>Every rule, every bad field named; the item (unstamped) when there is none.</summary>
    public (StoryRecord? Story, Dictionary<string, string[]> Errors) Read(string projectId, string storyId, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(storyId))
        {
            errors["storyId"] = ["Give the item an id of 1 to 64 letters, digits, '-' or '_'."];
        }

        var kind = RecordRules.Choice<StoryKind>("kind", Kind, required: false, errors) ?? StoryKind.Story;
        RecordRules.Text("title", Title, limits.MaxNameLength, required: true, errors);
        RecordRules.Text("userNeed", UserNeed, limits.MaxTextLength, required: false, errors);
        RecordRules.Text("successMetric", SuccessMetric, limits.MaxReasonLength, required: false, errors);
        RecordRules.Text("release", Release, limits.MaxNameLength, required: false, errors);
        if (AcceptanceCriteria is { } criteria && (criteria.Count > limits.MaxListItems || criteria.Any(c => string.IsNullOrWhiteSpace(c) || c.Trim().Length > limits.MaxReasonLength)))
        {
            errors["acceptanceCriteria"] = [$"Give up to {limits.MaxListItems} acceptance criteria, each 1 to {limits.MaxReasonLength} characters."];
        }

        if (EpicId is not null && (!ProjectRecordAccess.IsRecordId(EpicId) || EpicId == storyId || kind == StoryKind.Epic))
        {
            errors["epicId"] = [kind == StoryKind.Epic ? "An epic cannot belong to another epic." : "Give the id of an epic in this backlog, not the story's own."];
        }

        if (Priority is null or < 1 or > MaxPriority)
        {
            errors["priority"] = [$"Enter the priority as a whole number from 1 (the top of the backlog) to {MaxPriority}."];
        }

        return errors.Count > 0 ? (null, errors) : (new StoryRecord
        {
            Id = StoryRecord.IdFor(storyId),
            ProjectId = projectId,
            StoryId = storyId,
            Kind = kind,
            Title = Title!.Trim(),
            UserNeed = Clean(UserNeed),
            AcceptanceCriteria = (AcceptanceCriteria ?? []).Select(c => c!.Trim()).ToList(),
            SuccessMetric = Clean(SuccessMetric),
            EpicId = EpicId,
            Release = Clean(Release),
            Priority = Priority!.Value,
            Version = 0,
            RecordedBy = string.Empty,
            RecordedAt = default,
        }, errors);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A move as sent to <c>POST /api/projects/{id}/backlog/{storyId}/move</c>: <c>{"status"}</c>, one of backlog, ready, inProgress, done.</summary>
public sealed record MoveBody(string? Status);

/// <summary>A backlog item as the API shows it, with its transitions and who recorded this version, when.</summary>
public sealed record StoryResponse(
    string ProjectId,
    string StoryId,
    StoryKind Kind,
    string Title,
    string? UserNeed,
    IReadOnlyList<string> AcceptanceCriteria,
    string? SuccessMetric,
    string? EpicId,
    string? Release,
    int Priority,
    StoryStatus Status,
    bool Ready,
    IReadOnlyList<StoryTransition> Transitions,
    StorySource Source,
    int Version,
    string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static StoryResponse From(StoryRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new StoryResponse(
            s.ProjectId, s.StoryId, s.Kind, s.Title, s.UserNeed, s.AcceptanceCriteria, s.SuccessMetric, s.EpicId, s.Release, s.Priority, s.Status,
            Readiness.Missing(s.Kind, s.UserNeed, s.AcceptanceCriteria).Count == 0, s.Transitions, s.Source, s.Version, s.RecordedBy, s.RecordedAt);
    }
}
