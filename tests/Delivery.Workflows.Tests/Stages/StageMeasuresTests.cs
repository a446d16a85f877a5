using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Stages;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.Stages;

/// <summary>An end stage report's actual against plan reads the same figures and bands as the tolerance monitor.</summary>
public sealed class StageMeasuresTests
{
    [Fact]
    public void A_project_within_tolerance_reads_within_on_all_five_measures_with_its_plan_and_actuals()
    {
        var measures = StageMeasures.From(Within() with { ChangeBudget = 500m, ChangeBudgetUsed = 120m }, Today, []);

        Assert.Equal([ToleranceKind.Time, ToleranceKind.Cost, ToleranceKind.Scope, ToleranceKind.Risk, ToleranceKind.Benefits], measures.Select(m => m.Kind).ToArray());
        Assert.All(measures, m => Assert.Equal(0, m.Band));
        var cost = measures.Single(m => m.Kind == ToleranceKind.Cost);
        Assert.Equal("£10,000 approved, ±10 %", cost.Plan);
        Assert.Equal("£2,000 spent; £10,000 forecast at completion", cost.Actual);
        Assert.Equal("£120 used by approved changes", measures.Single(m => m.Kind == ToleranceKind.Scope).Actual);
        Assert.Equal("Forecast to end 22 March 2027", measures.Single(m => m.Kind == ToleranceKind.Time).Actual);
    }

    [Fact]
    public void Breaches_carry_the_monitors_band_and_an_overdue_action_counts_as_a_risk_breach()
    {
        var figures = Within() with { ForecastAtCompletion = 12_500m, HighestRiskScore = 9, HighestRiskId = "r1", OpenActionDues = [Today.AddDays(-1)] };
        var measures = StageMeasures.From(figures, Today, []).ToDictionary(m => m.Kind);

        Assert.Equal(ToleranceEvaluator.Cost(figures).Band, measures[ToleranceKind.Cost].Band);
        Assert.Equal(2, measures[ToleranceKind.Cost].Band);
        Assert.Equal(ToleranceEvaluator.RiskActions(figures, Today).Band, measures[ToleranceKind.Risk].Band);
        Assert.True(measures[ToleranceKind.Risk].Band > 0);
        Assert.Equal("Highest open risk r1 scores 9; 1 action(s) overdue", measures[ToleranceKind.Risk].Actual);
    }
}
