using Delivery.Workflows.Services;
using Delivery.Workflows.TeamBudget;

namespace Delivery.Workflows.Tests.TeamBudget;

/// <summary>
/// Spend to date, burn rate, runway and forecast at phase end against figures worked out by hand: a £40,000 phase
/// from 1 January to 1 May 2027 (four calendar months).
/// </summary>
public sealed class TeamBudgetCalculatorTests
{
    private static readonly DateOnly Start = new(2027, 1, 1);
    private static readonly DateOnly PlannedEnd = new(2027, 5, 1);

    [Fact]
    public void A_run_rate_of_10000_a_month_two_months_in_leaves_two_months_of_runway()
    {
        var phase = Phase(new TeamCostPeriod(Start, 10_000m));

        var figures = TeamBudgetCalculator.Compute(phase, new DateOnly(2027, 3, 1));

        // Spent: January + February = 2 × £10,000. Left: £20,000 = 2 months at £10,000, so it lasts to 1 May (31 + 30 days).
        Assert.Equal(20_000m, figures.SpentToDate);
        Assert.Equal(10_000m, figures.BurnRatePerMonth);
        Assert.Equal(20_000m, figures.Remaining);
        Assert.Equal(2m, figures.RunwayMonths);
        Assert.Equal(61, figures.RunwayDays);
        Assert.Equal(new DateOnly(2027, 5, 1), figures.RunsOutOn);
        Assert.Equal(40_000m, figures.ForecastAtPhaseEnd);
        Assert.Equal(0m, figures.Variance);
    }

    [Fact]
    public void Roles_with_day_rates_from_February_replace_the_run_rate_and_keep_January_as_it_was()
    {
        var roles = new TeamCostEntry("c2", new DateOnly(2027, 2, 1), null, [new TeamRole("User researcher", 600m, 10m), new TeamRole("Developer", 500m, 20m)], "pm-sam", DateTimeOffset.UnixEpoch);
        var phase = Phase(new TeamCostPeriod(Start, 10_000m), new TeamCostPeriod(roles.EffectiveFrom, roles.MonthlyCost));

        var figures = TeamBudgetCalculator.Compute(phase, new DateOnly(2027, 3, 1));

        // Roles: 600 × 10 + 500 × 20 = £16,000 a month. Spent: £10,000 (January) + £16,000 (February) = £26,000.
        // Left: £14,000 = 0.875 of a month at £16,000: 0.875 × 31 days of March = 27.125, so 27 days, to 28 March.
        // Forecast: £26,000 + March and April at £16,000 = £58,000 at 1 May, £18,000 (45%) over the £40,000.
        Assert.Equal(16_000m, roles.MonthlyCost);
        Assert.Equal(26_000m, figures.SpentToDate);
        Assert.Equal(16_000m, figures.BurnRatePerMonth);
        Assert.Equal(14_000m, figures.Remaining);
        Assert.Equal(27, figures.RunwayDays);
        Assert.Equal(new DateOnly(2027, 3, 28), figures.RunsOutOn);
        Assert.Equal(0.87m, figures.RunwayMonths);
        Assert.Equal(58_000m, figures.ForecastAtPhaseEnd);
        Assert.Equal(45m, figures.VariancePercent);
    }

    [Fact]
    public void A_future_dated_increase_counts_in_the_runway_and_the_forecast_but_not_in_the_burn_rate_today()
    {
        var phase = Phase(new TeamCostPeriod(Start, 10_000m), new TeamCostPeriod(new DateOnly(2027, 4, 1), 20_000m));

        var figures = TeamBudgetCalculator.Compute(phase, new DateOnly(2027, 3, 1));

        // March costs £10,000 of the £20,000 left; the other £10,000 lasts half of April (15 of 30 days) at £20,000.
        Assert.Equal(20_000m, figures.SpentToDate);
        Assert.Equal(10_000m, figures.BurnRatePerMonth);
        Assert.Equal(new DateOnly(2027, 4, 16), figures.RunsOutOn);
        Assert.Equal(46, figures.RunwayDays);
        Assert.Equal(1.5m, figures.RunwayMonths);
        Assert.Equal(50_000m, figures.ForecastAtPhaseEnd);
    }

    [Fact]
    public void Part_of_a_month_accrues_by_that_months_days()
    {
        var phase = Phase(new TeamCostPeriod(Start, 10_000m));

        var figures = TeamBudgetCalculator.Compute(phase, new DateOnly(2027, 4, 16));

        // January to March, then 15 of April's 30 days: 3.5 × £10,000.
        Assert.Equal(0.5m, Months.Between(new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 16)));
        Assert.Equal(35_000m, figures.SpentToDate);
        Assert.Equal(new DateOnly(2027, 5, 1), figures.RunsOutOn);
    }

    [Fact]
    public void A_team_without_a_cost_spends_nothing_and_never_runs_out()
    {
        var figures = TeamBudgetCalculator.Compute(Phase(), new DateOnly(2027, 3, 1));

        Assert.Equal(0m, figures.SpentToDate);
        Assert.Equal(0m, figures.BurnRatePerMonth);
        Assert.Null(figures.RunsOutOn);
        Assert.Null(figures.RunwayDays);
        Assert.Equal(0m, figures.ForecastAtPhaseEnd);
    }

    [Fact]
    public void Spending_past_the_budget_leaves_no_runway()
    {
        var figures = TeamBudgetCalculator.Compute(Phase(new TeamCostPeriod(Start, 25_000m)), new DateOnly(2027, 3, 1));

        Assert.Equal(50_000m, figures.SpentToDate);
        Assert.Equal(-10_000m, figures.Remaining);
        Assert.Equal(0, figures.RunwayDays);
        Assert.Equal(100_000m, figures.ForecastAtPhaseEnd);
    }

    internal static PhaseBudgetFigure Phase(params TeamCostPeriod[] costs) => new(ServicePhase.PrivateBeta, 40_000m, Start, PlannedEnd, costs);
}
