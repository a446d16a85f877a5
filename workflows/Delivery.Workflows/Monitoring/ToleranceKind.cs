using System.Text.Json.Serialization;

namespace Delivery.Workflows.Monitoring;

/// <summary>What the tolerance monitor watches, each read against the project's own tolerances.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToleranceKind>))]
public enum ToleranceKind
{
    /// <summary>Forecast at completion (or actual to date) against the approved budget, ± the cost tolerance.</summary>
    Cost,

    /// <summary>Key milestones and the last milestone (the forecast end) against their baselines, ± working days.</summary>
    Time,

    /// <summary>Any open risk scored above the accepted risk score.</summary>
    Risk,

    /// <summary>Actions on open risks past their due date.</summary>
    RiskActions,

    /// <summary>The forecast shortfall of any measurable benefit against its target, beyond the benefits tolerance.</summary>
    Benefits,

    /// <summary>The change budget used by approved changes, against the change budget (the scope tolerance in money).</summary>
    Scope,
}
