using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Raid;

/// <summary>
/// One entry of the project's RAID log (risk, assumption, issue or dependency) in its partition, named as the
/// Programme and Project Data Standard names them. People keep it up to date: each change is a new version, audited.
/// </summary>
public sealed record RaidItem : IVersionedRecord<RaidItem>
{
    public const string DocumentType = "raid";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The recorder's own reference (R1, ISS-4), unique in the project.</summary>
    public required string ItemId { get; init; }

    public required RaidKind Kind { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The one person accountable for it, by directory id.</summary>
    public required string OwnerId { get; init; }

    public required RaidStatus Status { get; init; }

    /// <summary>A risk's cause, event and effect: "Because of …, … may happen, leading to …".</summary>
    public string? Cause { get; init; }

    public string? Event { get; init; }

    public string? Effect { get; init; }

    /// <summary>A risk's probability and impact, each 1 (very low) to 5 (very high).</summary>
    public int? Probability { get; init; }

    public int? Impact { get; init; }

    /// <summary>Probability times impact, 1 to 25, for risks.</summary>
    public int? Score => Probability * Impact;

    public RiskProximity? Proximity { get; init; }

    public RiskResponse? Response { get; init; }

    /// <summary>What is being done about a risk, each with its actionee and due date.</summary>
    public IReadOnlyList<RaidAction> Actions { get; init; } = [];

    /// <summary>When its owner last reviewed a risk.</summary>
    public DateOnly? LastReviewed { get; init; }

    public IssueType? IssueType { get; init; }

    public RaidLevel? Priority { get; init; }

    public RaidLevel? Severity { get; init; }

    /// <summary>When a dependency must be met.</summary>
    public DateOnly? NeededBy { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>Whether the item still needs managing (not closed).</summary>
    [JsonIgnore]
    public bool IsOpen => Status == RaidStatus.Open;

    public RaidItem WithETag(string? etag) => this with { ETag = etag };

    public RaidItem AsVersion(int version, string by, DateTimeOffset at, RaidItem? previous) =>
        this with { Version = version, UpdatedBy = by, UpdatedAt = at, RaisedAt = previous?.RaisedAt ?? at };

    public RaidItem Unstamped() => this with { Version = 0, UpdatedBy = string.Empty, UpdatedAt = default, ETag = null };

    public static string IdFor(string itemId) => "raid~" + itemId;
}

/// <summary>An action on a risk: what, who does it (directory id), by when, and whether it is done.</summary>
public sealed record RaidAction(string ActionId, string Description, string ActioneeId, DateOnly Due, bool Done);

[JsonConverter(typeof(JsonStringEnumConverter<RaidKind>))]
public enum RaidKind
{
    Risk,
    Assumption,
    Issue,
    Dependency,
}

[JsonConverter(typeof(JsonStringEnumConverter<RaidStatus>))]
public enum RaidStatus
{
    Open,
    Closed,
}

/// <summary>How soon a risk would happen, as PRINCE2 rates proximity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskProximity>))]
public enum RiskProximity
{
    Imminent,
    WithinStage,
    WithinProject,
    BeyondProject,
}

/// <summary>The response chosen for a risk (threat responses, with "share" for either).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskResponse>))]
public enum RiskResponse
{
    Avoid,
    Reduce,
    Fallback,
    Transfer,
    Accept,
    Share,
}

/// <summary>The kinds of issue PRINCE2 names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IssueType>))]
public enum IssueType
{
    RequestForChange,
    OffSpecification,
    ProblemConcern,
}

[JsonConverter(typeof(JsonStringEnumConverter<RaidLevel>))]
public enum RaidLevel
{
    Low,
    Medium,
    High,
    Critical,
}
