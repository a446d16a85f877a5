using System.Globalization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// Reads a project's figures against its tolerances on a given day, on forecast as well as actual (PRINCE2: a
/// forecast breach is already an exception). Pure: the same figures and day always give the same readings.
/// </summary>
public static class ToleranceEvaluator
{
    public static IReadOnlyList<ToleranceReading> Evaluate(ControlFigures figures, DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(figures);
        // A digital service's current phase is read against the same cost and time tolerances as the project: the worse counts.
        return
        [
            TeamBudget.PhaseTolerance.Worse(Cost(figures), TeamBudget.PhaseTolerance.Cost(figures, today)),
            TeamBudget.PhaseTolerance.Worse(Time(figures, today, bankHolidays), TeamBudget.PhaseTolerance.Time(figures, today, bankHolidays)),
            Risk(figures),
            RiskActions(figures, today),
            Benefits(figures),
            Scope(figures),
        ];
    }

    /// <summary>
    /// The forecast at completion against the approved budget, either way (an underspend beyond tolerance is an
    /// exception too), and money already spent beyond it: the worse of the two.
    /// </summary>
    public static ToleranceReading Cost(ControlFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var approved = figures.Approved;
        var tolerance = figures.Tolerances.CostPercent;
        if (approved <= 0)
        {
            return new ToleranceReading(ToleranceKind.Cost, 0, "No approved budget to measure against.");
        }

        var forecast = (figures.ForecastAtCompletion - approved) / approved * 100m;
        var actual = (figures.ActualToDate - approved) / approved * 100m;
        var onActual = actual > Math.Abs(forecast);
        var deviation = onActual ? actual : Math.Abs(forecast);
        var what = onActual
            ? $"Spent to date {UkFormat.Money(figures.ActualToDate)}"
            : $"Forecast at completion {UkFormat.Money(figures.ForecastAtCompletion)}";
        var direction = !onActual && forecast < 0 ? "under" : "over";
        return new ToleranceReading(
            ToleranceKind.Cost,
            ToleranceReading.BandOf(deviation, tolerance),
            $"{what}, {Percent(deviation)}% {direction} the approved {UkFormat.Money(approved)} (tolerance ±{Percent(tolerance)}%)");
    }

    /// <summary>
    /// Each tracked milestone's slip in working days from its baseline: to its actual date once reached, else to
    /// its forecast, or to today when the forecast has passed without it being reached (it is late at least that much).
    /// </summary>
    public static ToleranceReading Time(ControlFigures figures, DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var tolerance = figures.Tolerances.TimeWorkingDays;
        var worst = figures.Milestones
            .Select(m => (Milestone: m, Slip: WorkingDays.Between(m.Baseline, m.Actual ?? (m.Forecast < today ? today : m.Forecast), bankHolidays)))
            .OrderByDescending(x => Math.Abs(x.Slip))
            .FirstOrDefault();
        if (worst.Milestone is null)
        {
            return new ToleranceReading(ToleranceKind.Time, 0, "No milestones to measure against.");
        }

        var (m, slip) = worst;
        var state = m.Actual is not null ? "reached" : m.Forecast < today ? "not reached by its forecast, still open" : "forecast";
        var direction = slip < 0 ? "early" : "late";
        return new ToleranceReading(
            ToleranceKind.Time,
            ToleranceReading.BandOf(Math.Abs(slip), tolerance),
            $"Milestone {m.Id} {state}, {Math.Abs(slip)} working days {direction} against its baseline {m.Baseline:yyyy-MM-dd} (tolerance ±{tolerance} working days)");
    }

    /// <summary>The highest open risk against the accepted score; a band is five points, a row of the 5×5 map.</summary>
    public static ToleranceReading Risk(ControlFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var accepted = figures.Tolerances.RiskScore;
        if (figures.HighestRiskScore is not { } score || score <= accepted)
        {
            return new ToleranceReading(ToleranceKind.Risk, 0, $"No open risk above the accepted score of {accepted}.");
        }

        return new ToleranceReading(ToleranceKind.Risk, ((score - accepted - 1) / 5) + 1, $"Risk {figures.HighestRiskId} scores {score}, above the accepted score of {accepted}");
    }

    /// <summary>Actions on open risks past their due date: each further overdue action is a band worse.</summary>
    public static ToleranceReading RiskActions(ControlFigures figures, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var overdue = figures.OpenActionDues.Count(d => d < today);
        return new ToleranceReading(ToleranceKind.RiskActions, overdue, overdue == 0 ? "No risk action overdue." : $"{overdue} risk action{(overdue == 1 ? string.Empty : "s")} past due");
    }

    /// <summary>The measurable benefit whose forecast falls furthest short of its target, against the benefits tolerance.</summary>
    public static ToleranceReading Benefits(ControlFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var tolerance = figures.Tolerances.BenefitsPercent;
        var worst = figures.Benefits.OrderByDescending(b => b.ShortfallPercent).FirstOrDefault();
        if (worst is null)
        {
            return new ToleranceReading(ToleranceKind.Benefits, 0, "No benefit forecast yet.");
        }

        return new ToleranceReading(
            ToleranceKind.Benefits,
            ToleranceReading.BandOf(worst.ShortfallPercent, tolerance),
            $"Benefit {worst.Id} forecast at {Number(worst.Forecast)} against a target of {Number(worst.Target)} from {Number(worst.Baseline)}: {Percent(worst.ShortfallPercent)}% short (tolerance {Percent(tolerance)}%)");
    }

    /// <summary>
    /// The change budget used by approved changes, as a share of the change budget: all of it is within tolerance, a
    /// band is each further change budget's worth (the board approved a change beyond what was left without raising it).
    /// </summary>
    public static ToleranceReading Scope(ControlFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var (budget, used) = (figures.ChangeBudget, figures.ChangeBudgetUsed);
        if (used <= budget)
        {
            return new ToleranceReading(ToleranceKind.Scope, 0, $"Changes have used {UkFormat.Money(used)} of the {UkFormat.Money(budget)} change budget.");
        }

        return new ToleranceReading(
            ToleranceKind.Scope,
            budget <= 0 ? 1 : ToleranceReading.BandOf(used / budget * 100m, 100m), // no change budget: any change used is beyond it
            $"Approved changes have used {UkFormat.Money(used)}, beyond the {UkFormat.Money(budget)} change budget");
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
