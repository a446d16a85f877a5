using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Cadence;

/// <summary>
/// A service team's iterations, one document in its project's partition: how many days each lasts and the day the
/// first began. Iterations follow each other without gaps, so the end of each (when its retrospective is due) is
/// computed, never stored.
/// </summary>
public sealed record TeamCadence : IProjectDocument<TeamCadence>
{
    public const string DocumentType = "team-cadence";

    public const string DocumentId = "cadence";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required int IterationDays { get; init; }

    public required DateOnly FirstIterationStart { get; init; }

    public required string SetBy { get; init; }

    public required DateTimeOffset SetAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public TeamCadence WithETag(string? etag) => this with { ETag = etag };

    /// <summary>The first day of iteration <paramref name="number"/> (the first is 1).</summary>
    public DateOnly StartOf(int number) => FirstIterationStart.AddDays((number - 1) * IterationDays);

    /// <summary>The last day of iteration <paramref name="number"/>: its retrospective is due then.</summary>
    public DateOnly EndOf(int number) => StartOf(number + 1).AddDays(-1);

    /// <summary>The iteration running on <paramref name="day"/>, or 0 before the first began.</summary>
    public int NumberOn(DateOnly day) => day < FirstIterationStart ? 0 : (day.DayNumber - FirstIterationStart.DayNumber) / IterationDays + 1;
}
