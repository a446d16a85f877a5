using Delivery.Workflows.Highlights;
using Delivery.Workflows.Monitoring;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.Highlights;

/// <summary>
/// A highlight report's status per dimension on £10,000 approved, ±10 % cost, ±5 working days and accepted risk score
/// 12, with amber from 75 % of a tolerance: green up to the amber edge, amber beyond it and up to the tolerance, red
/// beyond the tolerance (the monitor's own breach), and amber while an exception of that kind is open.
/// </summary>
public sealed class HighlightStatusTests
{
    [Theory]
    [InlineData(10_750, "Green")] // 7.5 %: at the amber edge
    [InlineData(10_751, "Amber")] // just beyond it
    [InlineData(11_000, "Amber")] // 10 %: at the tolerance
    [InlineData(11_001, "Red")] // just beyond it: an exception
    [InlineData(8_999, "Red")] // an underspend beyond tolerance is an exception too
    public void Cost_reads_green_amber_and_red_at_the_edges_on_forecast(int forecast, string expected)
    {
        var facts = Facts(Within() with { ForecastAtCompletion = forecast });

        Assert.Equal(expected, Status(facts, "Cost"));
    }

    [Theory]
    [InlineData(9, "Green")] // 75 % of 12
    [InlineData(10, "Amber")]
    [InlineData(12, "Amber")]
    [InlineData(15, "Red")]
    public void Risk_reads_the_highest_open_score_against_the_accepted_score(int score, string expected)
    {
        Assert.Equal(expected, Status(Facts(Within() with { HighestRiskScore = score, HighestRiskId = "r1" }), "Risk"));
    }

    [Fact]
    public void An_overdue_risk_action_is_red_and_an_open_exception_keeps_its_dimension_amber()
    {
        var overdue = Facts(Within() with { OpenActionDues = [Today.AddDays(-1)] });
        var exception = new ProjectException
        {
            Id = ProjectException.IdFor(ToleranceKind.Cost, 1), ProjectId = "prj-within", Kind = ToleranceKind.Cost, Episode = 1, Band = 1,
            Measure = "Forecast over", RaisedOn = Today.AddDays(-3), Status = ExceptionStatus.AwaitingDecision,
        };
        var open = HighlightStatus.From(Within(), [], [], [exception], Today.AddDays(-14), Today, [], 75m);

        Assert.Equal("Red", Status(overdue, "Risk"));
        Assert.Equal("Amber", Status(open, "Cost"));
        Assert.Equal("Cost-1", Assert.Single(open.OpenExceptions).ExceptionId);
        Assert.Equal(["Schedule", "Cost", "Scope", "Risk", "Benefits"], open.Statuses.Select(s => s.Dimension).ToArray());
    }

    private static HighlightFacts Facts(ControlFigures figures) => HighlightStatus.From(figures, [], [], [], Today.AddDays(-14), Today, [], 75m);

    private static string Status(HighlightFacts facts, string dimension) => facts.Statuses.Single(s => s.Dimension == dimension).Status.ToString();
}
