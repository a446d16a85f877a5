using System.Text.Json.Serialization;

namespace Delivery.Workflows.Performance;

/// <summary>What a measure counts in: money, a percentage, a whole count, or any other number.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasureUnit>))]
public enum MeasureUnit
{
    Pounds,
    Percent,
    Count,
    Number,
}

/// <summary>Which way a measure improves: a target is met at or above it (higher) or at or below it (lower).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BetterWhen>))]
public enum BetterWhen
{
    Higher,
    Lower,
}

/// <summary>
/// One measure of a service's performance: one of the four GOV.UK KPIs (fixed ids, names, units and directions) or
/// one of the service's own success criteria; with its definition (how it is counted) and target.
/// </summary>
public sealed record PerformanceMeasure(string MeasureId, string Name, string Definition, MeasureUnit Unit, BetterWhen BetterWhen, decimal Target)
{
    /// <summary>Counts the changes to the measure, so each change is audited once however often it is sent.</summary>
    public int Revision { get; init; } = 1;

    public bool IsKpi => Kpis.Find(MeasureId) is not null;

    /// <summary>Whether a value meets the target, in the measure's direction.</summary>
    public bool Meets(decimal value) => BetterWhen == BetterWhen.Higher ? value >= Target : value <= Target;

    /// <summary>Whether another sending says the same (a retry), whatever revision it is at.</summary>
    public bool SameAs(PerformanceMeasure other) =>
        other is not null && MeasureId == other.MeasureId && Name == other.Name && Definition == other.Definition && Unit == other.Unit && BetterWhen == other.BetterWhen && Target == other.Target;
}

/// <summary>A GOV.UK KPI: its fixed id, name, unit and direction.</summary>
public sealed record Kpi(string MeasureId, string Name, MeasureUnit Unit, BetterWhen BetterWhen);

/// <summary>
/// The four KPIs every GOV.UK service reports. Cost per transaction is computed from the month's total cost and
/// transactions (never typed in as a figure), so it is always the total divided by the count.
/// </summary>
public static class Kpis
{
    public const string CostPerTransaction = "cost-per-transaction";
    public const string UserSatisfaction = "user-satisfaction";
    public const string CompletionRate = "completion-rate";
    public const string DigitalTakeUp = "digital-take-up";

    public static IReadOnlyList<Kpi> All { get; } =
    [
        new(CostPerTransaction, "Cost per transaction", MeasureUnit.Pounds, BetterWhen.Lower),
        new(UserSatisfaction, "User satisfaction", MeasureUnit.Percent, BetterWhen.Higher),
        new(CompletionRate, "Completion rate", MeasureUnit.Percent, BetterWhen.Higher),
        new(DigitalTakeUp, "Digital take-up", MeasureUnit.Percent, BetterWhen.Higher),
    ];

    public static Kpi? Find(string? measureId) => All.FirstOrDefault(k => k.MeasureId == measureId);

    /// <summary>The month's cost per transaction in pounds, to the penny (half a penny rounds up).</summary>
    public static decimal CostPer(decimal cost, long transactions) => decimal.Round(cost / transactions, 2, MidpointRounding.AwayFromZero);
}
