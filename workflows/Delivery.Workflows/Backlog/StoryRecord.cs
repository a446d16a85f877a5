using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Backlog;

/// <summary>
/// An epic or user story in a digital service's backlog, in the project's partition: the user need ("As a …, I want
/// …, so that …"), acceptance criteria, a success metric, its priority (1 is the top), the epic and release it belongs
/// to, its status and every status it entered with the time. Each change is a new version, audited once.
/// </summary>
/// <remarks>
/// Status changes only through a move (<see cref="BacklogRepository.MoveAsync"/>); saving new content keeps the
/// stored status and transitions, so a retried save never rewinds a move made in between.
/// </remarks>
public sealed record StoryRecord : IVersionedRecord<StoryRecord>
{
    public const string DocumentType = "story";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The recorder's id for the item (or the tool's key, DEL-12 or 4521, when imported), unique in the project.</summary>
    public required string StoryId { get; init; }

    public required StoryKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>"As a …, I want …, so that …"; needed (in that form) before the story is ready.</summary>
    public string? UserNeed { get; init; }

    public IReadOnlyList<string> AcceptanceCriteria { get; init; } = [];

    public string? SuccessMetric { get; init; }

    /// <summary>The epic's story id, when the story belongs to one.</summary>
    public string? EpicId { get; init; }

    /// <summary>The release the story is planned for (its name, which groups stories).</summary>
    public string? Release { get; init; }

    /// <summary>Priority order: 1 is the top of the backlog.</summary>
    public required int Priority { get; init; }

    public StorySource Source { get; init; } = StorySource.Recorded;

    public StoryStatus Status { get; init; } = StoryStatus.Backlog;

    /// <summary>Every status the item entered, oldest first; the first is its creation in the backlog.</summary>
    public IReadOnlyList<StoryTransition> Transitions { get; init; } = [];

    public required int Version { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public StoryRecord WithETag(string? etag) => this with { ETag = etag };

    public StoryRecord AsVersion(int version, string by, DateTimeOffset at, StoryRecord? previous) => this with
    {
        Version = version,
        RecordedBy = by,
        RecordedAt = at,
        Source = previous?.Source ?? Source,
        Status = previous?.Status ?? Status,
        Transitions = previous?.Transitions ?? (Transitions.Count > 0 ? Transitions : [new StoryTransition(StoryStatus.Backlog, at)]),
    };

    public StoryRecord Unstamped() => this with { Version = 0, RecordedBy = string.Empty, RecordedAt = default, ETag = null };

    public static string IdFor(string storyId) => "story~" + storyId;
}
