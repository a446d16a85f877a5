using System.Text.Json.Serialization;

namespace Delivery.Workflows.Highlights;

/// <summary>
/// The delivery confidence scale in use (a setting): the IPA's current Red / Amber / Green, or the older five points
/// Green, Amber/Green, Amber, Amber/Red, Red.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryConfidenceScale>))]
public enum DeliveryConfidenceScale
{
    RedAmberGreen,
    FivePoint,
}

/// <summary>The labels of each scale, best first.</summary>
public static class DeliveryConfidence
{
    public static IReadOnlyList<string> Labels(DeliveryConfidenceScale scale) => scale == DeliveryConfidenceScale.FivePoint
        ? ["Green", "Amber/Green", "Amber", "Amber/Red", "Red"]
        : ["Green", "Amber", "Red"];

    /// <summary>The scale's own spelling of a label given in any case, or null when the scale has no such label.</summary>
    public static string? Read(DeliveryConfidenceScale scale, string? value) =>
        value is null ? null : Labels(scale).FirstOrDefault(l => string.Equals(l, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
