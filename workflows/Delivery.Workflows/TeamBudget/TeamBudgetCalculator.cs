namespace Delivery.Workflows.TeamBudget;

/// <summary>
/// A phase's team budget on a day. Spend to date is the team's cost accrued from the phase's start to that day at the
/// cost in force on each day; burn rate is the monthly cost in force that day; runway is how long the remaining
/// budget lasts at the costs in force from then on (future-dated changes included); the forecast at phase end is
/// the spend to date plus the cost still to accrue to the planned end.
/// </summary>
public sealed record TeamBudgetFigures(
    decimal Budget,
    decimal SpentToDate,
    decimal BurnRatePerMonth,
    decimal Remaining,
    decimal? RunwayMonths,
    int? RunwayDays,
    DateOnly? RunsOutOn,
    decimal ForecastAtPhaseEnd,
    DateOnly AsAt)
{
    /// <summary>Forecast at phase end minus budget: above zero is a forecast overspend.</summary>
    public decimal Variance => ForecastAtPhaseEnd - Budget;

    /// <summary>The variance as a share of the budget, or null when the phase has no budget.</summary>
    public decimal? VariancePercent => Budget == 0 ? null : Variance / Budget * 100m;
}

/// <summary>Pure: the same phase, costs and day always give the same figures; money rounded to pence at the end.</summary>
public static class TeamBudgetCalculator
{
    /// <summary>A runway longer than this (a hundred years) is reported as lasting beyond any plan, not as a date past the calendar's end.</summary>
    public const decimal MaxRunwayMonths = 1200m;

    public static TeamBudgetFigures Compute(PhaseBudgetFigure phase, DateOnly asAt)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var periods = phase.Costs.OrderBy(p => p.From).ToList();
        var spent = Accrued(periods, phase.Start, asAt);
        var forecast = Accrued(periods, phase.Start, asAt > phase.PlannedEnd ? asAt : phase.PlannedEnd);
        var remaining = phase.Budget - spent;
        var from = asAt < phase.Start ? phase.Start : asAt;
        var runsOut = RunsOutOn(periods, from, remaining);
        var runway = runsOut is { } end ? Months.Between(from, end) : (decimal?)null;
        return new TeamBudgetFigures(
            phase.Budget,
            Pence(spent),
            Pence(MonthlyOn(periods, from)),
            Pence(remaining),
            runway is { } r ? Math.Round(r, 2) : null,
            runsOut is { } d ? d.DayNumber - from.DayNumber : null,
            runsOut,
            Pence(forecast),
            asAt);
    }

    /// <summary>The monthly cost in force on the day: the latest period started by then, else the first to come (a team costed from a later date), else nothing.</summary>
    public static decimal MonthlyOn(IReadOnlyList<TeamCostPeriod> periods, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(periods);
        return (periods.LastOrDefault(p => p.From <= day) ?? (periods.Count > 0 ? periods[0] : null))?.MonthlyCost ?? 0m;
    }

    /// <summary>The cost accrued from <paramref name="from"/> to <paramref name="to"/>, period by period; nothing before the first period.</summary>
    public static decimal Accrued(IReadOnlyList<TeamCostPeriod> periods, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var total = 0m;
        for (var i = 0; i < periods.Count; i++)
        {
            var start = Max(periods[i].From, from);
            var end = i + 1 < periods.Count ? Min(periods[i + 1].From, to) : to;
            total += periods[i].MonthlyCost * Months.Between(start, end);
        }

        return total;
    }

    /// <summary>The day the remaining money is spent, walking the periods from <paramref name="from"/>; the day itself when none is left; null when the costs stop (nothing runs it out) or it lasts beyond <see cref="MaxRunwayMonths"/>.</summary>
    private static DateOnly? RunsOutOn(List<TeamCostPeriod> periods, DateOnly from, decimal remaining)
    {
        if (remaining <= 0)
        {
            return from;
        }

        var day = from;
        for (var i = 0; i < periods.Count; i++)
        {
            var next = i + 1 < periods.Count ? periods[i + 1].From : (DateOnly?)null;
            if (next is { } n && n <= day)
            {
                continue;
            }

            var start = Max(periods[i].From, day);
            var monthly = periods[i].MonthlyCost;
            var cost = next is { } stop ? monthly * Months.Between(start, stop) : decimal.MaxValue;
            if (monthly > 0 && remaining <= cost)
            {
                var months = remaining / monthly;
                return months > MaxRunwayMonths ? null : Months.Add(start, months);
            }

            remaining -= next is null ? 0 : cost;
            day = next ?? day;
        }

        return null;
    }

    private static decimal Pence(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
