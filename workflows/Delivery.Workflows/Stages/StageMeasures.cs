using System.Globalization;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Workflows.Stages;

/// <summary>
/// Actual against plan on time, cost, scope, risk and benefits for an end stage report, from the project's control
/// figures (its own budget, milestone, RAID, change and benefit records) and the tolerance monitor's own readings,
/// so the report and the monitor never disagree. Pure: the same figures and day always give the same measures.
/// </summary>
public static class StageMeasures
{
    public static IReadOnlyList<StageMeasure> From(ControlFigures figures, DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var readings = ToleranceEvaluator.Evaluate(figures, today, bankHolidays).ToDictionary(r => r.Kind);
        var end = figures.Milestones.OrderBy(m => m.Baseline).LastOrDefault();
        var t = figures.Tolerances;
        var risk = readings[ToleranceKind.Risk].Band >= readings[ToleranceKind.RiskActions].Band ? readings[ToleranceKind.Risk] : readings[ToleranceKind.RiskActions];
        return
        [
            Measure(readings[ToleranceKind.Time], end is null ? "No milestones planned" : $"Ends {UkFormat.Date(end.Baseline)}, ±{t.TimeWorkingDays} working days",
                end is null ? "No milestones" : end.Actual is { } done ? $"Ended {UkFormat.Date(done)}" : $"Forecast to end {UkFormat.Date(end.Forecast)}"),
            Measure(readings[ToleranceKind.Cost], $"{UkFormat.Money(figures.Approved)} approved, ±{Percent(t.CostPercent)}",
                $"{UkFormat.Money(figures.ActualToDate)} spent; {UkFormat.Money(figures.ForecastAtCompletion)} forecast at completion"),
            Measure(readings[ToleranceKind.Scope], $"{UkFormat.Money(figures.ChangeBudget)} change budget", $"{UkFormat.Money(figures.ChangeBudgetUsed)} used by approved changes"),
            Measure(risk with { Kind = ToleranceKind.Risk }, $"No open risk above score {t.RiskScore}; no action overdue",
                figures.HighestRiskScore is { } score ? $"Highest open risk {figures.HighestRiskId} scores {score}; {figures.OpenActionDues.Count(d => d < today)} action(s) overdue" : "No open risks"),
            Measure(readings[ToleranceKind.Benefits], $"Each benefit within {Percent(t.BenefitsPercent)} of its target",
                figures.Benefits.Count == 0 ? "No measurable benefit forecast yet" : $"{figures.Benefits.Count} benefit(s) forecast"),
        ];
    }

    private static StageMeasure Measure(ToleranceReading reading, string plan, string actual) => new(reading.Kind, plan, actual, reading.Band, reading.Measure);

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
