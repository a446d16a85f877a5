using System.Text.Json.Serialization;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Milestones;

/// <summary>
/// A milestone as delivery tracks it, in the project's partition: its baseline date (what was approved; changed
/// only by an approved change or exception plan), the forecast date and, once
/// reached, the actual date. Key milestones count for the time tolerance.
/// </summary>
public sealed record MilestoneRecord : IVersionedRecord<MilestoneRecord>
{
    public const string DocumentType = "milestone";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string MilestoneId { get; init; }

    public required string Name { get; init; }

    public required DateOnly Baseline { get; init; }

    public required DateOnly Forecast { get; init; }

    public DateOnly? Actual { get; init; }

    public bool Key { get; init; }

    public required int Version { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>The date it is expected (or was) reached: the actual date once there is one.</summary>
    [JsonIgnore]
    public DateOnly Expected => Actual ?? Forecast;

    public MilestoneRecord WithETag(string? etag) => this with { ETag = etag };

    public MilestoneRecord AsVersion(int version, string by, DateTimeOffset at, MilestoneRecord? previous) =>
        this with { Version = version, UpdatedBy = by, UpdatedAt = at };

    public MilestoneRecord Unstamped() => this with { Version = 0, UpdatedBy = string.Empty, UpdatedAt = default, ETag = null };

    public static string IdFor(string milestoneId) => "milestone~" + milestoneId;

    /// <summary>The id a baseline milestone has before anyone records against it: m1, m2… in the approved order.</summary>
    public static string BaselineId(int index) => "m" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A milestone of the approved baseline nobody has recorded against yet: forecast as planned, key.</summary>
    public static MilestoneRecord FromBaseline(string projectId, int index, Milestone milestone, ProjectBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(baseline);
        var id = BaselineId(index);
        return new MilestoneRecord
        {
            Id = IdFor(id),
            ProjectId = projectId,
            MilestoneId = id,
            Name = milestone.Name,
            Baseline = milestone.Date,
            Forecast = milestone.Date,
            Key = true,
            Version = 0,
            UpdatedBy = baseline.ApprovedBy,
            UpdatedAt = baseline.ApprovedAt,
        };
    }
}
