using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Stages;

/// <summary>
/// A management stage of delivery, planned by the project manager, in the project's partition: its name and planned
/// end date. One stage is current at a time; it ends only through a stage gate (<see cref="EndStageReport"/>), whose
/// approval starts the next.
/// </summary>
public sealed record DeliveryStage : IProjectDocument<DeliveryStage>
{
    public const string DocumentType = "delivery-stage";

    /// <summary>The id initiation has as a stage: its end stage report asks to start delivery.</summary>
    public const string Initiation = "initiation";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string StageId { get; init; }

    public required string Name { get; init; }

    public required DateOnly PlannedEnd { get; init; }

    public required StageStatus Status { get; init; }

    /// <summary>When its stage gate started it, and when the next one's ended it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public DeliveryStage WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string stageId) => "stage~" + stageId;
}

[JsonConverter(typeof(JsonStringEnumConverter<StageStatus>))]
public enum StageStatus
{
    Planned,
    Current,
    Completed,
}
