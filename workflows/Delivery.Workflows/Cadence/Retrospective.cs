using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Cadence;

/// <summary>
/// The retrospective of one iteration, in its project's partition, recorded once by the delivery manager: when it was
/// held, what went well, what to improve, and the actions agreed, each with its owner (a directory id) and due date,
/// reminded through the daily reminder until done.
/// </summary>
public sealed record Retrospective : IProjectDocument<Retrospective>
{
    public const string DocumentType = "retrospective";

    [JsonPropertyName("id")]
    public string Id => IdFor(Iteration);

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required int Iteration { get; init; }

    public required DateOnly HeldOn { get; init; }

    public required string WentWell { get; init; }

    public required string ToImprove { get; init; }

    public required IReadOnlyList<RetrospectiveAction> Actions { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public Retrospective WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(int iteration) => $"retrospective~{iteration}";

    /// <summary>Whether another sending records the same retrospective (a retry), whatever was done since.</summary>
    public bool SameAs(Retrospective other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Iteration == other.Iteration && HeldOn == other.HeldOn && WentWell == other.WentWell && ToImprove == other.ToImprove
            && Actions.Select(a => a with { Done = false }).SequenceEqual(other.Actions.Select(a => a with { Done = false }));
    }
}

/// <summary>An action agreed at a retrospective: what, who (directory id), by when, and whether it is done.</summary>
public sealed record RetrospectiveAction(string ActionId, string Description, string OwnerId, DateOnly Due)
{
    public bool Done { get; init; }
}
