using System.Collections.Concurrent;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Tests.Views;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.Monitoring;

/// <summary>
/// Sweeps over the controls view in the local Cosmos server: episodes remembered between sweeps, closed projects
/// left alone, and one project's failure neither stops the others nor loses its breach.
/// </summary>
public sealed class ToleranceSweepTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    [Fact]
    public async Task Sweeps_raise_each_breach_once_and_a_failing_project_neither_stops_the_rest_nor_loses_its_breach()
    {
        await PutAsync(Within("prj-fine"));
        await PutAsync(Within("prj-over") with { ForecastAtCompletion = 11_500m });
        await PutAsync(Within("prj-broken") with { HighestRiskScore = 20, HighestRiskId = "R7" });
        await PutAsync(Within("prj-closed") with { Stage = ProjectStage.Done, ForecastAtCompletion = 50_000m });
        var sink = new RecordingSink { FailFor = "prj-broken" };
        var sweep = new ToleranceSweep(db.Controls, NullLogger<ToleranceSweep>.Instance);

        var first = await sweep.RunAsync(Today, [], sink, CancellationToken.None);
        var second = await sweep.RunAsync(Today.AddDays(1), [], sink, CancellationToken.None);
        sink.FailFor = null;
        var third = await sweep.RunAsync(Today.AddDays(2), [], sink, CancellationToken.None);
        var fourth = await sweep.RunAsync(Today.AddDays(3), [], sink, CancellationToken.None);

        Assert.Equal(3, first.Projects); // the closed project is not watched
        Assert.Equal(["prj-broken"], first.Failed);
        Assert.Equal(["prj-broken"], second.Failed);
        Assert.Empty(third.Failed);
        Assert.Equal((1, 0, 1, 0), (first.Breaches, second.Breaches, third.Breaches, fourth.Breaches));
        Assert.Equal(
            [("prj-broken", ToleranceKind.Risk, 1, 2), ("prj-over", ToleranceKind.Cost, 1, 1)],
            sink.Delivered.Select(b => (b.ProjectId, b.Kind, b.Episode, b.Band)).Order().ToArray());
        var stored = await db.Controls.GetAsync("prj-over", CancellationToken.None);
        Assert.Equal(new ToleranceEpisode(1, 1, Today), stored!.OpenEpisodes["Cost"]);
    }

    [Fact]
    public async Task A_refresh_of_the_figures_keeps_the_monitor_episodes()
    {
        var project = ViewsDatabase.Project("prj-refreshed", 10_000m, DateTimeOffset.UtcNow) with
        {
            Stage = ProjectStage.Initiation,
            Baseline = new ProjectBaseline(10_000m, [new Milestone("Live", Today.AddDays(30))], Tolerances, DateTimeOffset.UtcNow, "line-lee"),
        };
        Assert.True(await db.Projects.TryCreateAsync(project, CancellationToken.None));
        await db.Controls.RefreshAsync(project, CancellationToken.None);
        var figures = (await db.Controls.GetAsync(project.ProjectId, CancellationToken.None))!;
        Assert.True(await db.Controls.TryReplaceAsync(figures with { OpenEpisodes = new Dictionary<string, ToleranceEpisode> { ["Time"] = new(1, 1, Today) } }, CancellationToken.None));
        Assert.False(await db.Controls.TryReplaceAsync(figures, CancellationToken.None)); // a stale ETag

        await db.Controls.RefreshAsync(project, CancellationToken.None);

        var refreshed = (await db.Controls.GetAsync(project.ProjectId, CancellationToken.None))!;
        Assert.Equal(new ToleranceEpisode(1, 1, Today), refreshed.OpenEpisodes["Time"]);
        Assert.Equal([new MilestoneFigure("m1", Today.AddDays(30), Today.AddDays(30), null)], refreshed.Milestones);
        Assert.Equal(10_000m, refreshed.ForecastAtCompletion);
    }

    private async Task PutAsync(ControlFigures figures) => await db.Views.UpsertItemAsync(figures, new PartitionKey(ViewIds.Controls));

    private sealed class RecordingSink : IToleranceBreachSink
    {
        public string? FailFor { get; set; }

        public ConcurrentBag<ToleranceBreach> Delivered { get; } = [];

        public Task RaiseAsync(ToleranceBreach breach, CancellationToken cancellationToken)
        {
            if (breach.ProjectId == FailFor)
            {
                throw new InvalidOperationException("The orchestration could not be reached.");
            }

            Delivered.Add(breach);
            return Task.CompletedTask;
        }
    }
}
