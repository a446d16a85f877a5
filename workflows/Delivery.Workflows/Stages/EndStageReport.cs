using System.Text.Json.Serialization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Stages;

/// <summary>
/// The end stage report of one stage (initiation, or a delivery stage), in the project's partition: the project
/// manager's summary and lessons, the stage asked for next, and actual against plan on time, cost, scope, risk and
/// benefits, taken from the project's own records when it was sent. It goes through a stage gate to the level that
/// set the tolerances, who approves the next stage, asks for more information (a new version) or refuses it (the
/// stage goes on until a new report is approved).
/// </summary>
public sealed record EndStageReport : IProjectDocument<EndStageReport>
{
    public const string DocumentType = "end-stage-report";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The stage that ends, and its name.</summary>
    public required string StageId { get; init; }

    public required string StageName { get; init; }

    /// <summary>The planned stage to start when the gate approves.</summary>
    public required string NextStageId { get; init; }

    public required string Summary { get; init; }

    public string? Lessons { get; init; }

    /// <summary>Actual against plan for each tolerance, as the records stood when this version was sent.</summary>
    public required IReadOnlyList<StageMeasure> Measures { get; init; }

    public required int Version { get; init; }

    public required EndStageStatus Status { get; init; }

    public required string SentBy { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public StageGateDecision? Decision { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public EndStageReport WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string stageId) => "end-stage-report~" + stageId;

    /// <summary>Whether another sending says the same (a retry), whatever the figures read now.</summary>
    public bool SameAs(EndStageReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NextStageId == other.NextStageId && Summary == other.Summary && Lessons == other.Lessons;
    }
}

/// <summary>One tolerance at the end of a stage: what the plan said, what the records say, and the band it reads.</summary>
public sealed record StageMeasure(ToleranceKind Kind, string Plan, string Actual, int Band, string Reading);

[JsonConverter(typeof(JsonStringEnumConverter<EndStageStatus>))]
public enum EndStageStatus
{
    AwaitingDecision,
    MoreInformationRequested,
    Approved,
    Refused,
}

/// <summary>How the stage gate decided, by whom and when.</summary>
public sealed record StageGateDecision(ApprovalOutcome Outcome, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>Raised on the project's control orchestration when the project manager sends an end stage report version.</summary>
public sealed record StageEndReported(string ProjectId, string StageId, int Version)
{
    public const string EventName = "StageEndReported";

    /// <summary>The stage gate's id for this version.</summary>
    public string GateId => $"stage-{StageId}-v{Version}".ToLowerInvariant();
}
