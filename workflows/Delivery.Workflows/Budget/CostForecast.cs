using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Budget;

/// <summary>
/// A forecast of the cost at completion, with the date it was made for and why. Every forecast is kept; the latest
/// (by its date, then when it was recorded) is the current one.
/// </summary>
public sealed record CostForecast : IProjectDocument<CostForecast>
{
    public const string DocumentType = "cost-forecast";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string EntryId { get; init; }

    public required decimal AtCompletion { get; init; }

    public required DateOnly AsAt { get; init; }

    public required string Reason { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public CostForecast WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string entryId) => "forecast~" + entryId;

    public bool SameAs(CostForecast other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return AtCompletion == other.AtCompletion && AsAt == other.AsAt && Reason == other.Reason;
    }
}
