using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Performance;

/// <summary>
/// A digital service's performance, one document in its project's partition: its measures (the GOV.UK KPIs and its
/// own success criteria), their monthly figures, and the directory ids of stakeholders who get the monthly report
/// besides the sponsor and the delivery manager.
/// </summary>
/// <remarks>
/// One document, so a CSV file's figures are stored all together or not at all under one ETag-guarded replace (the
/// local Cosmos server has no transactional batch). Bounded by <see cref="MaxMeasures"/> and the months allowed, it
/// stays far below Cosmos DB's 2 MB item limit.
/// </remarks>
public sealed record PerformanceRecord : IProjectDocument<PerformanceRecord>
{
    public const string DocumentType = "service-performance";

    public const string DocumentId = "service-performance";

    /// <summary>The most measures a service keeps: the four KPIs and up to sixteen of its own.</summary>
    public const int MaxMeasures = 20;

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public IReadOnlyList<PerformanceMeasure> Measures { get; init; } = [];

    public IReadOnlyList<PerformancePoint> Points { get; init; } = [];

    /// <summary>Directory ids of the stakeholders who get the monthly report, besides the sponsor and delivery manager.</summary>
    public IReadOnlyList<string> StakeholderIds { get; init; } = [];

    /// <summary>Counts changes to the stakeholders, so each is audited once.</summary>
    public int StakeholdersRevision { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public PerformanceRecord WithETag(string? etag) => this with { ETag = etag };

    public PerformanceMeasure? Measure(string measureId) => Measures.FirstOrDefault(m => m.MeasureId == measureId);

    public PerformancePoint? Point(string measureId, string month) => Points.FirstOrDefault(p => p.MeasureId == measureId && p.Month == month);

    /// <summary>The document with the measure added or replaced (its revision moved on), unless it says the same already.</summary>
    public PerformanceRecord WithMeasure(PerformanceMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var stored = Measure(measure.MeasureId);
        if (stored is not null && stored.SameAs(measure))
        {
            return this;
        }

        var next = measure with { Revision = (stored?.Revision ?? 0) + 1 };
        return this with { Measures = stored is null ? [.. Measures, next] : Measures.Select(m => m.MeasureId == next.MeasureId ? next : m).ToList() };
    }

    /// <summary>The document with the month's figure added or corrected (its revision moved on), unless it is the same already.</summary>
    public PerformanceRecord WithPoint(PerformancePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var stored = Point(point.MeasureId, point.Month);
        if (stored is not null && stored.SameFigureAs(point))
        {
            return this;
        }

        var next = point with { Revision = (stored?.Revision ?? 0) + 1 };
        return this with
        {
            Points = (stored is null ? [.. Points, next] : Points.Select(p => p == stored ? next : p))
                .OrderBy(p => p.MeasureId, StringComparer.Ordinal).ThenBy(p => p.Month, StringComparer.Ordinal).ToList(),
        };
    }
}
