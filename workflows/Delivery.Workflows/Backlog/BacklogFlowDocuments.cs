using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Backlog;

/// <summary>A story as the team's flow metrics need it: its id, when it started and (in a month document) when it finished.</summary>
public sealed record BacklogFlowItem(string StoryId, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// One of the team's flow summary documents in the project's partition: the stories finished in a calendar month
/// (<c>backlogflow~month~yyyy-MM</c>), or the stories in progress (<c>backlogflow~wip</c>). They are kept current as
/// stories move, one item per story replaced rather than added to, so a retried writer counts nothing twice, and the
/// team's flow metrics are a few point reads however long the backlog.
/// </summary>
public sealed record BacklogFlowDocument : IProjectDocument<BacklogFlowDocument>
{
    public const string DocumentType = "backlogflow";
    public const string WipId = "backlogflow~wip";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The month (yyyy-MM) of a month document; null for work in progress.</summary>
    public string? Month { get; init; }

    /// <summary>One item per story, ordered by story id.</summary>
    public IReadOnlyList<BacklogFlowItem> Items { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public BacklogFlowDocument WithETag(string? etag) => this with { ETag = etag };

    public static string MonthId(string month) => "backlogflow~month~" + month;
}

/// <summary>What the team's flow metrics read: the month documents of the period (oldest first, empty where none) and work in progress.</summary>
public sealed record BacklogFlowData(IReadOnlyList<BacklogFlowDocument> Months, BacklogFlowDocument Wip);
