using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Services;
using Delivery.Workflows.TeamBudget;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.TeamBudget;

/// <summary>A service's phase read against the project's cost (±10 %) and time (±5 working days) tolerances.</summary>
public sealed class PhaseToleranceTests
{
    private static readonly DateOnly[] NoHolidays = [];

    [Fact]
    public void A_forecast_45_percent_over_the_phase_budget_is_a_cost_breach_of_the_fourth_band_and_names_the_runway()
    {
        var figures = Within() with
        {
            TeamBudget = new PhaseBudgetFigure(ServicePhase.Alpha, 40_000m, new DateOnly(2027, 1, 1), new DateOnly(2027, 5, 1), [new(new DateOnly(2027, 1, 1), 10_000m), new(new DateOnly(2027, 2, 1), 16_000m)]),
        };

        var cost = ToleranceEvaluator.Evaluate(figures, new DateOnly(2027, 3, 1), NoHolidays).Single(r => r.Kind == ToleranceKind.Cost);

        // 45 % against ±10 %: ceil(45 / 10) − 1 = band 4.
        Assert.Equal(4, cost.Band);
        Assert.Equal(
            "Forecast at the end of Alpha £58,000, 45% over the phase budget of £40,000 (tolerance ±10%); at £16,000 a month the budget runs out on 28 March 2027, before the planned end on 1 May 2027",
            cost.Measure);
    }

    [Fact]
    public void A_forecast_on_budget_leaves_the_projects_own_cost_reading()
    {
        var figures = Within() with { TeamBudget = TeamBudgetCalculatorTests.Phase(new TeamCostPeriod(new DateOnly(2027, 1, 1), 10_000m)) };

        var cost = ToleranceEvaluator.Evaluate(figures, new DateOnly(2027, 3, 1), NoHolidays).Single(r => r.Kind == ToleranceKind.Cost);

        Assert.Equal(0, cost.Band);
        Assert.Equal(ToleranceEvaluator.Cost(figures).Measure, cost.Measure);
    }

    [Theory]
    [InlineData(8, 0, "No milestones")] // Monday 8 March: five working days after Monday 1 March, at the edge (the project's own reading stands)
    [InlineData(9, 1, "Discovery was planned to end on 1 March 2027 and is still open, 6 working days late")]
    public void A_phase_still_open_after_its_planned_end_is_late_by_working_days(int day, int band, string measure)
    {
        var figures = Within() with { Milestones = [], TeamBudget = new PhaseBudgetFigure(ServicePhase.Discovery, 40_000m, new DateOnly(2027, 1, 4), new DateOnly(2027, 3, 1), []) };

        var time = ToleranceEvaluator.Evaluate(figures, new DateOnly(2027, 3, day), NoHolidays).Single(r => r.Kind == ToleranceKind.Time);

        Assert.Equal(band, time.Band);
        Assert.StartsWith(measure, time.Measure, StringComparison.Ordinal);
    }
}
