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

/// <summary>
/// The event the report function raises on the project's control orchestration when an exception report is sent:
/// ids and a version only; the report itself stays in Cosmos DB.
/// </summary>
public sealed record ExceptionReported(string ProjectId, string ExceptionId, int ReportVersion)
{
    public const string EventName = "ExceptionReported";

    /// <summary>The approval gate's id for this version of the report.</summary>
    public string GateId => $"exception-{ExceptionId}-v{ReportVersion}".ToLowerInvariant();
}
