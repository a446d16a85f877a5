using Delivery.Workflows.Monitoring;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.Monitoring;

/// <summary>One raise per breach episode: not again while it stands, again when it worsens by a band or recurs.</summary>
public sealed class ToleranceEpisodesTests
{
    [Fact]
    public void A_standing_breach_is_raised_once_then_on_worsening_then_as_a_new_episode_after_resolution()
    {
        var figures = Within();
        var raised = new List<ToleranceBreach>();
        void Day(decimal forecast, int day)
        {
            var withForecast = figures with { ForecastAtCompletion = forecast };
            var update = ToleranceEpisodes.Apply(withForecast, ToleranceEvaluator.Evaluate(withForecast, Today.AddDays(day), []), Today.AddDays(day));
            raised.AddRange(update.Raised);
            figures = update.Figures;
        }

        Day(11_500m, 0); // band 1: raised
        Day(11_500m, 1); // stands: nothing
        Day(11_800m, 2); // worse, same band: nothing
        Day(12_500m, 3); // band 2: raised as worsened
        Day(11_500m, 4); // better but still breached: nothing
        Day(12_500m, 5); // back to band 2, not beyond its worst: nothing
        Day(10_500m, 6); // resolved
        Day(11_500m, 7); // recurs: a new episode

        Assert.Equal(
            [(ToleranceKind.Cost, 1, 1, false), (ToleranceKind.Cost, 1, 2, true), (ToleranceKind.Cost, 2, 1, false)],
            raised.Select(b => (b.Kind, b.Episode, b.Band, b.Worsened)).ToArray());
        Assert.Equal(Today.AddDays(7), raised[^1].DetectedOn);
        Assert.Equal(2, figures.EpisodeCounts["Cost"]);
    }

    [Fact]
    public void Nothing_changes_for_a_project_within_tolerance()
    {
        var update = ToleranceEpisodes.Apply(Within(), ToleranceEvaluator.Evaluate(Within(), Today, []), Today);
        Assert.False(update.Changed);
        Assert.Empty(update.Raised);
    }
}
