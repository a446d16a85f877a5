using Delivery.Workflows.Monitoring;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.Monitoring;

/// <summary>Every tolerance at, just inside and just outside its edge, on forecast and on actual.</summary>
public sealed class ToleranceEvaluatorTests
{
    private static readonly DateOnly[] NoHolidays = [];

    [Theory]
    [InlineData(11_000, 0)] // at the edge: +10 %
    [InlineData(10_999.99, 0)] // just inside
    [InlineData(11_000.01, 1)] // just outside
    [InlineData(9_000, 0)] // -10 %: an underspend at the edge
    [InlineData(8_999.99, 1)] // an underspend just beyond it is an exception too
    [InlineData(12_000, 1)] // +20 %: twice the tolerance is still the first band
    [InlineData(12_000.01, 2)]
    [InlineData(15_500, 5)]
    public void Cost_on_forecast(decimal forecast, int band) =>
        Assert.Equal(band, ToleranceEvaluator.Cost(Within() with { ForecastAtCompletion = forecast }).Band);

    [Theory]
    [InlineData(11_000, 0)]
    [InlineData(11_000.01, 1)]
    [InlineData(13_000, 2)]
    public void Cost_on_actual_spending_even_when_the_forecast_says_otherwise(decimal actual, int band)
    {
        var reading = ToleranceEvaluator.Cost(Within() with { ActualToDate = actual, ForecastAtCompletion = 10_000m });
        Assert.Equal(band, reading.Band);
        if (band > 0)
        {
            Assert.StartsWith("Spent to date", reading.Measure, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(5, 0)] // Monday + 5 working days = the next Monday: at the edge
    [InlineData(4, 0)]
    [InlineData(6, 1)]
    [InlineData(11, 2)]
    [InlineData(-6, 1)] // early beyond tolerance: ± both ways
    public void Time_on_forecast_in_working_days(int slip, int band)
    {
        var baseline = Today.AddDays(28); // a Monday
        var forecast = AddWorkingDays(baseline, slip);
        Assert.Equal(band, ToleranceEvaluator.Time(Within() with { Milestones = [new MilestoneFigure("m1", baseline, forecast, null)] }, Today, NoHolidays).Band);
    }

    [Fact]
    public void Time_on_actual_a_milestone_reached_late_or_not_reached_by_a_past_forecast()
    {
        var baseline = Today.AddDays(-14); // two weeks ago, a Monday: 10 working days
        var reachedLate = new MilestoneFigure("m1", baseline, baseline, baseline.AddDays(8)); // 6 working days late
        var reachedInside = new MilestoneFigure("m1", baseline, baseline, baseline.AddDays(7)); // 5: at the edge
        var stillOpen = new MilestoneFigure("m1", baseline, baseline, null); // forecast passed, not reached: late until today

        Assert.Equal(1, ToleranceEvaluator.Time(Within() with { Milestones = [reachedLate] }, Today, NoHolidays).Band);
        Assert.Equal(0, ToleranceEvaluator.Time(Within() with { Milestones = [reachedInside] }, Today, NoHolidays).Band);
        var open = ToleranceEvaluator.Time(Within() with { Milestones = [stillOpen] }, Today, NoHolidays);
        Assert.Equal(1, open.Band);
        Assert.Contains("10 working days late", open.Measure, StringComparison.Ordinal);
    }

    [Fact]
    public void Bank_holidays_are_not_working_days()
    {
        var baseline = Today.AddDays(28);
        var sixLate = AddWorkingDays(baseline, 6);
        var figures = Within() with { Milestones = [new MilestoneFigure("m1", baseline, sixLate, null)] };
        Assert.Equal(1, ToleranceEvaluator.Time(figures, Today, NoHolidays).Band);
        Assert.Equal(0, ToleranceEvaluator.Time(figures, Today, [baseline.AddDays(2)]).Band);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(12, 0)] // at the accepted score
    [InlineData(13, 1)]
    [InlineData(17, 1)]
    [InlineData(18, 2)] // a row of the 5×5 map further
    [InlineData(25, 3)]
    public void Risk_against_the_accepted_score(int? score, int band) =>
        Assert.Equal(band, ToleranceEvaluator.Risk(Within() with { HighestRiskScore = score, HighestRiskId = "R1" }).Band);

    [Fact]
    public void Risk_actions_due_today_are_not_overdue_and_each_overdue_one_is_a_band()
    {
        Assert.Equal(0, ToleranceEvaluator.RiskActions(Within() with { OpenActionDues = [Today, Today.AddDays(3)] }, Today).Band);
        Assert.Equal(1, ToleranceEvaluator.RiskActions(Within() with { OpenActionDues = [Today.AddDays(-1), Today] }, Today).Band);
        Assert.Equal(2, ToleranceEvaluator.RiskActions(Within() with { OpenActionDues = [Today.AddDays(-9), Today.AddDays(-1)] }, Today).Band);
    }

    [Theory]
    [InlineData(8.5, 0)] // faults per month from 40 to 5: an improvement of 35; 8.5 is 10 % short, at the edge
    [InlineData(8.4, 0)]
    [InlineData(8.6, 1)] // just outside: 10.3 % short
    [InlineData(12, 1)] // 20 % short
    [InlineData(12.1, 2)]
    [InlineData(3, 0)] // beating the target is no shortfall
    public void Benefits_forecast_shortfall_against_the_target_in_either_direction(decimal forecast, int band)
    {
        Assert.Equal(band, ToleranceEvaluator.Benefits(Within() with { Benefits = [new Benefits.BenefitFigure("b1", 40m, 5m, forecast)] }).Band);
        Assert.Equal(band, ToleranceEvaluator.Benefits(Within() with { Benefits = [new Benefits.BenefitFigure("b1", 5m, 40m, 45m - forecast)] }).Band);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(500, 0)] // the whole £500 change budget (5 % of £10,000) used: at the edge
    [InlineData(499.99, 0)]
    [InlineData(500.01, 1)] // just outside
    [InlineData(1_000, 1)] // twice the change budget is still the first band
    [InlineData(1_000.01, 2)]
    public void Scope_is_the_change_budget_used(decimal used, int band)
    {
        var reading = ToleranceEvaluator.Scope(Within() with { ChangeBudget = 500m, ChangeBudgetUsed = used });
        Assert.Equal(band, reading.Band);
        Assert.Equal(ToleranceKind.Scope, reading.Kind);
    }

    [Fact]
    public void Scope_with_no_change_budget_is_breached_by_any_change() =>
        Assert.Equal(1, ToleranceEvaluator.Scope(Within() with { ChangeBudget = 0m, ChangeBudgetUsed = 0.01m }).Band);

    [Fact]
    public void A_project_within_every_tolerance_reads_band_zero_everywhere() =>
        Assert.All(ToleranceEvaluator.Evaluate(Within(), Today, NoHolidays), r => Assert.Equal(0, r.Band));

    private static DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var step = days < 0 ? -1 : 1;
        var day = from;
        for (var moved = 0; moved < Math.Abs(days);)
        {
            day = day.AddDays(step);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                moved++;
            }
        }

        return day;
    }
}
