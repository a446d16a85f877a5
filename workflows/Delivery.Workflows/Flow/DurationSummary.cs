namespace Delivery.Workflows.Flow;

/// <summary>
/// Durations summarised: how many, the mean, and the 50th and 85th percentiles (nearest rank, see
/// <see cref="FlowCalculator.Percentile"/>), in days rounded for showing. Shared by the project flow report and the
/// teams' flow metrics, so both say the same thing the same way.
/// </summary>
public sealed record DurationSummary(int Count, double? MeanDays, double? Percentile50Days, double? Percentile85Days)
{
    public static DurationSummary Of(IReadOnlyCollection<double> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return new(
            days.Count,
            days.Count == 0 ? null : FlowCalculator.Round(days.Average()),
            FlowCalculator.Percentile(days, 50) is { } p50 ? FlowCalculator.Round(p50) : null,
            FlowCalculator.Percentile(days, 85) is { } p85 ? FlowCalculator.Round(p85) : null);
    }
}
