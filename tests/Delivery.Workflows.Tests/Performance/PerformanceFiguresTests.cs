using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Tests.Performance;

/// <summary>
/// The performance figures the page, the API and the monthly email share: each measure's figure for a month against
/// its target in the measure's direction, the change from the calendar month before (none across a gap), the KPIs
/// in the GOV.UK order then the service's own, cost per transaction to the penny, values and changes in their units,
/// and the email's line for each.
/// </summary>
public sealed class PerformanceFiguresTests
{
    private static readonly DateTimeOffset At = new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly PerformanceRecord Record = new()
    {
        ProjectId = "prj-perf",
        Measures =
        [
            new("apply-online", "Applications made online", "Online applications over all applications", MeasureUnit.Count, BetterWhen.Higher, 1000m),
            new(Kpis.UserSatisfaction, "User satisfaction", "Satisfied or very satisfied answers", MeasureUnit.Percent, BetterWhen.Higher, 80m),
            new(Kpis.CostPerTransaction, "Cost per transaction", "Total cost over transactions", MeasureUnit.Pounds, BetterWhen.Lower, 3m),
            new(Kpis.CompletionRate, "Completion rate", "Completed over started", MeasureUnit.Percent, BetterWhen.Higher, 70m),
        ],
        Points =
        [
            Point(Kpis.CostPerTransaction, "2026-12", Kpis.CostPer(2850m, 1000)),
            Point(Kpis.CostPerTransaction, "2027-01", Kpis.CostPer(3250m, 1000)),
            Point(Kpis.UserSatisfaction, "2026-11", 78m),
            Point(Kpis.UserSatisfaction, "2027-01", 81.5m),
            Point("apply-online", "2026-12", 1200m),
            Point("apply-online", "2027-01", 1000m),
        ],
    };

    [Fact]
    public void Each_measure_gets_its_months_figure_against_target_and_the_change_from_the_month_before()
    {
        var figures = PerformanceFigures.For(Record, "2027-01");

        Assert.Equal([Kpis.CostPerTransaction, Kpis.UserSatisfaction, Kpis.CompletionRate, "apply-online"], figures.Select(f => f.Measure.MeasureId).ToArray());

        // Cost per transaction £3.25 is over the £3.00 target (lower is better): not met, up £0.40 on £2.85.
        Assert.Equal(("2027-01", 3.25m, false, 0.40m), (figures[0].Month, figures[0].Value, figures[0].OnTarget, figures[0].Change));

        // Satisfaction 81.5% meets 80%; December has no figure, so no change (November's is not "the month before").
        Assert.Equal((81.5m, true, (decimal?)null), (figures[1].Value, figures[1].OnTarget, figures[1].Change));

        // Completion rate has no figures at all.
        Assert.Equal(((decimal?)null, (bool?)null, (decimal?)null), (figures[2].Value, figures[2].OnTarget, figures[2].Change));

        // Exactly on target counts as met (higher is better), down 200.
        Assert.Equal((1000m, true, -200m), (figures[3].Value, figures[3].OnTarget, figures[3].Change));
        Assert.Equal(["2026-12", "2027-01"], figures[3].Points.Select(p => p.Month).ToArray());
    }

    [Fact]
    public void Without_a_month_each_measure_shows_its_latest_figure()
    {
        var record = Record with { Points = [.. Record.Points, Point(Kpis.UserSatisfaction, "2027-02", 79m)] };

        var figures = PerformanceFigures.For(record, null).ToDictionary(f => f.Measure.MeasureId);

        Assert.Equal(("2027-02", 79m, false, -2.5m), (figures[Kpis.UserSatisfaction].Month, figures[Kpis.UserSatisfaction].Value, figures[Kpis.UserSatisfaction].OnTarget, figures[Kpis.UserSatisfaction].Change));
        Assert.Equal(("2027-01", 3.25m), (figures[Kpis.CostPerTransaction].Month, figures[Kpis.CostPerTransaction].Value));
        Assert.Null(figures[Kpis.CompletionRate].Month);
    }

    [Theory]
    [InlineData(1000, 3, 333.33)]
    [InlineData(2000, 3, 666.67)]
    [InlineData(10.05, 2, 5.03)]
    [InlineData(0, 5, 0)]
    public void Cost_per_transaction_is_the_total_over_the_count_to_the_penny_half_a_penny_up(double cost, long transactions, double expected) =>
        Assert.Equal((decimal)expected, Kpis.CostPer((decimal)cost, transactions));

    [Theory]
    [InlineData(1234.5, MeasureUnit.Pounds, "£1,234.50")]
    [InlineData(-0.4, MeasureUnit.Pounds, "-£0.40")]
    [InlineData(82.5, MeasureUnit.Percent, "82.5%")]
    [InlineData(80, MeasureUnit.Percent, "80%")]
    [InlineData(1200, MeasureUnit.Count, "1,200")]
    [InlineData(2.125, MeasureUnit.Number, "2.13")]
    public void Values_are_written_in_their_units(double value, MeasureUnit unit, string expected) =>
        Assert.Equal(expected, PerformanceFigures.Format((decimal)value, unit));

    [Theory]
    [InlineData(0.4, MeasureUnit.Pounds, "+£0.40")]
    [InlineData(-2.5, MeasureUnit.Percent, "-2.5 percentage points")]
    [InlineData(1, MeasureUnit.Percent, "+1 percentage point")]
    [InlineData(0, MeasureUnit.Count, "0")]
    [InlineData(-200, MeasureUnit.Count, "-200")]
    public void Changes_carry_their_sign_and_unit(double change, MeasureUnit unit, string expected) =>
        Assert.Equal(expected, PerformanceFigures.FormatChange((decimal)change, unit));

    [Fact]
    public void Months_step_back_across_a_year_and_are_named_in_full()
    {
        Assert.Equal("2026-12", Months.Previous("2027-01"));
        Assert.Equal("January 2027", Months.Name("2027-01"));
        Assert.Null(Months.Parse("2027-13"));
        Assert.Null(Months.Parse("27-01"));
    }

    [Fact]
    public void The_monthly_email_gives_each_measure_a_line_and_counts_those_met_and_missing()
    {
        var figures = PerformanceFigures.For(Record, "2027-01");

        var message = PerformanceReportEmail.Build(new Person("Hana Kowalski", "hana.kowalski@example.gov.uk"), "prj-perf", "Apply for a parking permit", "2027-01", figures, new Uri("http://localhost:7071/"));

        Assert.Equal("Performance of Apply for a parking permit in January 2027", message.Subject);
        Assert.Contains("£3.25 against a target of £3.00 (not met); change from December 2026: +£0.40", message.Text, StringComparison.Ordinal);
        Assert.Contains("81.5% against a target of 80% (met); no figure for December 2026 to compare", message.Text, StringComparison.Ordinal);
        Assert.Contains("no figure recorded (target 70%)", message.Text, StringComparison.Ordinal);
        Assert.Contains("1,000 against a target of 1,000 (met); change from December 2026: -200", message.Text, StringComparison.Ordinal);
        Assert.Contains("Met: 2 of 4 measures; no figure recorded: 1.", message.Text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071/api/projects/prj-perf/performance/page", message.Text, StringComparison.Ordinal);
        Assert.Contains($"Cost per transaction</th><td>{System.Net.WebUtility.HtmlEncode("£3.25 against a target of £3.00 (not met)")}", message.Html, StringComparison.Ordinal);
    }

    private static PerformancePoint Point(string measureId, string month, decimal value) => new(measureId, month, value, null, null, "dm-dana", At);
}
