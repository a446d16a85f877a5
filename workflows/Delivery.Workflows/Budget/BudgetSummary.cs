namespace Delivery.Workflows.Budget;

/// <summary>Actual spending of one kind, or in all.</summary>
public sealed record SpendTotals(decimal Capital, decimal Revenue)
{
    public decimal Total => Capital + Revenue;
}

/// <summary>
/// The budget view: the approved baseline, actual to date by capital and revenue, the forecast at completion (the
/// latest forecast, or the approved budget while there is none) and the variance of the forecast from the baseline.
/// </summary>
public sealed record BudgetSummary(
    decimal Approved,
    SpendTotals Actual,
    decimal ForecastAtCompletion,
    CostForecast? CurrentForecast,
    IReadOnlyList<SpendEntry> Spend,
    IReadOnlyList<CostForecast> Forecasts)
{
    /// <summary>Forecast minus approved: above zero is an overspend forecast.</summary>
    public decimal Variance => ForecastAtCompletion - Approved;

    /// <summary>The variance as a percentage of the approved budget, or null when nothing was approved.</summary>
    public decimal? VariancePercent => Approved == 0 ? null : Math.Round(Variance / Approved * 100m, 1);

    public static BudgetSummary From(decimal approved, IReadOnlyList<SpendEntry> spend, IReadOnlyList<CostForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(forecasts);
        var ordered = forecasts.OrderBy(f => f.AsAt).ThenBy(f => f.RecordedAt).ToList();
        var current = ordered.LastOrDefault();
        var actual = new SpendTotals(spend.Where(s => s.Kind == CostKind.Capital).Sum(s => s.Amount), spend.Where(s => s.Kind == CostKind.Revenue).Sum(s => s.Amount));
        return new BudgetSummary(approved, actual, current?.AtCompletion ?? approved, current, spend.OrderBy(s => s.Date).ThenBy(s => s.RecordedAt).ToList(), ordered);
    }
}
