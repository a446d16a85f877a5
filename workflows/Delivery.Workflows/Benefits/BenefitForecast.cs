using System.Globalization;
using System.Text.Json.Serialization;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Benefits;

/// <summary>
/// The forecast of what a benefit will reach, kept by the project manager in the project's partition. Benefits are
/// the request's, numbered b1, b2… in order; each change of forecast is a new version, audited.
/// </summary>
public sealed record BenefitForecast : IVersionedRecord<BenefitForecast>
{
    public const string DocumentType = "benefit-forecast";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string BenefitId { get; init; }

    public required decimal Forecast { get; init; }

    public required DateOnly AsAt { get; init; }

    public required string Reason { get; init; }

    public required int Version { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public BenefitForecast WithETag(string? etag) => this with { ETag = etag };

    public BenefitForecast AsVersion(int version, string by, DateTimeOffset at, BenefitForecast? previous) => this with { Version = version, UpdatedBy = by, UpdatedAt = at };

    public BenefitForecast Unstamped() => this with { Version = 0, UpdatedBy = string.Empty, UpdatedAt = default, ETag = null };

    public static string IdFor(string benefitId) => "benefit-forecast~" + benefitId;

    public static string BenefitIdFor(int index) => "b" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The request's benefit with this id, when there is one and its baseline and target are numbers.</summary>
    public static (ExpectedBenefit? Benefit, decimal Baseline, decimal Target) Measurable(ProjectDocument project, string benefitId)
    {
        ArgumentNullException.ThrowIfNull(project);
        var benefits = project.Request.Benefits;
        var index = benefits.Select((b, i) => (b, i)).FirstOrDefault(x => BenefitIdFor(x.i) == benefitId);
        if (index.b is null)
        {
            return (null, 0, 0);
        }

        return decimal.TryParse(index.b.Baseline, NumberStyles.Number, CultureInfo.InvariantCulture, out var baseline)
            && decimal.TryParse(index.b.Target, NumberStyles.Number, CultureInfo.InvariantCulture, out var target) && baseline != target
            ? (index.b, baseline, target)
            : (index.b, 0, 0);
    }
}

/// <summary>A measurable benefit's baseline, target and latest forecast, for the benefits tolerance.</summary>
public sealed record BenefitFigure(string Id, decimal Baseline, decimal Target, decimal Forecast)
{
    /// <summary>
    /// How much of the promised improvement (baseline to target, either direction) the forecast falls short of, as
    /// a percentage: 0 when it meets or beats the target.
    /// </summary>
    public decimal ShortfallPercent => Math.Max(0m, Math.Round((Target - Forecast) / (Target - Baseline) * 100m, 1));
}
