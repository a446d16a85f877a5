namespace Delivery.Workflows.Monitoring;

/// <summary>
/// The event the monitor raises on a project's control orchestration when a tolerance is breached: once when an
/// episode opens, again only when it worsens by a band. Figures and ids only, no personal data.
/// </summary>
public sealed record ToleranceBreach(string ProjectId, ToleranceKind Kind, int Episode, int Band, bool Worsened, string Measure, DateOnly DetectedOn)
{
    public const string EventName = "ToleranceBreached";

    /// <summary>Names this episode at this band, for once-only records and emails.</summary>
    public string Key => $"{Kind}-{Episode}-b{Band}";
}
