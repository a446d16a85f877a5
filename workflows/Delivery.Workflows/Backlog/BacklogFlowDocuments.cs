using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Backlog;

/// <summary>
/// A story as the team's flow metrics need it: its id, when it started and (in a year document) when it finished,
/// in UTC to the millisecond: that is what the document keeps (<see cref="BacklogFlowItemJson"/>), so an item
/// compares equal to itself read back and an unchanged story rewrites nothing.
/// </summary>
[JsonConverter(typeof(BacklogFlowItemJson))]
public sealed record BacklogFlowItem
{
    public BacklogFlowItem(string storyId, DateTimeOffset? startedAt, DateTimeOffset? finishedAt)
    {
        StoryId = storyId;
        StartedAt = ToMillisecond(startedAt);
        FinishedAt = ToMillisecond(finishedAt);
    }

    public string StoryId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    private static DateTimeOffset? ToMillisecond(DateTimeOffset? at) => at is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds()) : null;
}

/// <summary>
/// One of the team's flow summary documents in the project's partition: the stories finished in a calendar year
/// (UTC; <c>backlogflow~year~yyyy</c>), or the stories in progress (<c>backlogflow~wip</c>). They are kept current as
/// stories move, one item per story replaced rather than added to, so a retried writer counts nothing twice, and the
/// team's flow metrics are a few point reads however long the backlog: two years and work in progress for a year's
/// metrics, four for three years'. A year rather than a month per document because each read has a cost of its own
/// that outweighs its size (a month's 29 KB document reads as fast as a 1 KB story). In the compact form an item is
/// about 40 bytes: 300 KB for 7,500 stories finished in a year, and Cosmos DB's 2 MB item limit at about 50,000.
/// </summary>
public sealed record BacklogFlowDocument : IProjectDocument<BacklogFlowDocument>
{
    public const string DocumentType = "backlogflow";
    public const string WipId = "backlogflow~wip";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The year (yyyy) of a year document; null for work in progress.</summary>
    public string? Year { get; init; }

    /// <summary>One item per story, ordered by story id, each kept as <c>[storyId, startedAt, finishedAt]</c> (<see cref="BacklogFlowItemJson"/>).</summary>
    public IReadOnlyList<BacklogFlowItem> Items { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public BacklogFlowDocument WithETag(string? etag) => this with { ETag = etag };

    /// <summary>The id of the document holding the stories finished in <paramref name="year"/> (yyyy).</summary>
    public static string YearId(string year) => "backlogflow~year~" + year;

    /// <summary>The year (yyyy) of a month (yyyy-MM).</summary>
    public static string YearOf(string month) => month[..4];
}

/// <summary>The stories finished in one calendar month (yyyy-MM).</summary>
public sealed record BacklogFlowMonth(string Month, IReadOnlyList<BacklogFlowItem> Items);

/// <summary>What the team's flow metrics read: the months of the period (oldest first, empty where nothing finished) and the stories in progress.</summary>
public sealed record BacklogFlowData(IReadOnlyList<BacklogFlowMonth> Months, IReadOnlyList<BacklogFlowItem> Wip);
