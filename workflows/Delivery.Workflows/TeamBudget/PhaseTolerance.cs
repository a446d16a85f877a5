using System.Globalization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Services;

namespace Delivery.Workflows.TeamBudget;

/// <summary>
/// The cost and time tolerances read against a digital service's current phase, with the project's own tolerances
/// (its category's: <c>Lifecycle__Tolerances__DigitalService__*</c>). Cost: the team's forecast at phase end against
/// the phase budget, either way, like a project's forecast at completion. Time: the phase still open after its planned
/// end, in working days. A runway that ends before the planned end is the same fact as a forecast overspend, so it is
/// named in the cost reading rather than raised a second time as a time breach.
/// </summary>
public static class PhaseTolerance
{
    public static ToleranceReading? Cost(ControlFigures figures, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.TeamBudget is not { } phase || phase.Costs.Count == 0 || phase.Budget <= 0)
        {
            return null;
        }

        var money = TeamBudgetCalculator.Compute(phase, today);
        var tolerance = figures.Tolerances.CostPercent;
        var deviation = Math.Abs(money.VariancePercent ?? 0m);
        var direction = money.Variance < 0 ? "under" : "over";
        var runway = money.RunsOutOn is { } end && end < phase.PlannedEnd
            ? $"; at {UkFormat.Money(money.BurnRatePerMonth)} a month the budget runs out on {UkFormat.Date(end)}, before the planned end on {UkFormat.Date(phase.PlannedEnd)}"
            : string.Empty;
        return new ToleranceReading(
            ToleranceKind.Cost,
            ToleranceReading.BandOf(deviation, tolerance),
            $"Forecast at the end of {phase.Phase.Title()} {UkFormat.Money(money.ForecastAtPhaseEnd)}, {Percent(deviation)}% {direction} the phase budget of {UkFormat.Money(phase.Budget)} (tolerance ±{Percent(tolerance)}%){runway}");
    }

    public static ToleranceReading? Time(ControlFigures figures, DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.TeamBudget is not { } phase || today <= phase.PlannedEnd)
        {
            return null;
        }

        var late = WorkingDays.Between(phase.PlannedEnd, today, bankHolidays);
        var tolerance = figures.Tolerances.TimeWorkingDays;
        return new ToleranceReading(
            ToleranceKind.Time,
            ToleranceReading.BandOf(late, tolerance),
            $"{phase.Phase.Title()} was planned to end on {UkFormat.Date(phase.PlannedEnd)} and is still open, {late} working days late (tolerance ±{tolerance} working days)");
    }

    /// <summary>The reading further beyond its tolerance; the project's own on a tie.</summary>
    public static ToleranceReading Worse(ToleranceReading project, ToleranceReading? phase) =>
        phase is not null && phase.Band > project.Band ? phase : project;

    private static string Percent(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
