using Delivery.Workflows.Budget;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Views;

/// <summary>
/// The portfolio row carries an approved project's delivery figures, written by <see cref="ControlsView"/> whenever
/// the project's records change: each kind of record moves it, and a rebuild writes the same row again.
/// </summary>
public sealed class PortfolioFiguresTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_kind_of_change_moves_the_row_and_a_rebuild_writes_it_again()
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..12];
        var project = ViewsDatabase.Project(projectId, 20_000m, At) with
        {
            Stage = ProjectStage.Delivery,
            Baseline = new ProjectBaseline(20_000m, [new Milestone("Pilot", Today.AddDays(20)), new Milestone("Live", Today.AddDays(60))], Monitoring.MonitorFigures.Tolerances, At, "line-lee"),
        };
        Assert.True(await db.Projects.TryCreateAsync(project, default));
        await db.Controls.RefreshAsync(project, default);
        var start = await FiguresAsync(projectId);
        Assert.Equal((20_000m, 0m, 20_000m, 0m), (start.Approved, start.Actual, start.Forecast, start.Variance));
        Assert.Equal(("Pilot", Today.AddDays(20)), (start.NextMilestoneName, start.NextMilestoneForecast));
        Assert.Null(start.TopRiskScore);
        Assert.Equal(0, start.OpenExceptions);
        Assert.Equal("No forecasts yet", start.BenefitsStatus);
        Assert.Null(start.DeliveryConfidence);

        var budget = new BudgetRepository(db.Database);
        await budget.RecordSpendAsync(Spend(projectId, "s1", 4_250m), default);
        await db.Controls.RefreshAsync(project, default);
        Assert.Equal(4_250m, (await FiguresAsync(projectId)).Actual);

        // Forecast at completion 23,500 against the approved 20,000: variance +3,500.
        await budget.RecordForecastAsync(new CostForecast { Id = CostForecast.IdFor("f1"), ProjectId = projectId, EntryId = "f1", AtCompletion = 23_500m, AsAt = Today, Reason = "Extra licences", RecordedBy = "pm-sam", RecordedAt = At }, default);
        await db.Controls.RefreshAsync(project, default);
        var forecast = await FiguresAsync(projectId);
        Assert.Equal((23_500m, 3_500m), (forecast.Forecast, forecast.Variance));

        // The pilot achieved: the next milestone is Live, at its forecast date.
        var milestones = new MilestoneRepository(db.Database);
        var pilot = (await milestones.ListAsync(project, default)).Single(m => m.Name == "Pilot");
        var (_, refusal) = await milestones.SaveAsync(project, pilot with { Actual = Today.AddDays(-1), Forecast = Today.AddDays(-1) }, "pm-sam", At, default);
        Assert.Null(refusal);
        await db.Controls.RefreshAsync(project, default);
        Assert.Equal(("Live", Today.AddDays(60)), ((await FiguresAsync(projectId)).NextMilestoneName, (await FiguresAsync(projectId)).NextMilestoneForecast));

        // Two open risks, 3×4 = 12 and 4×4 = 16, and a closed one of 25: the top risk is the open 16.
        var raid = new RaidRepository(db.Database);
        await raid.SaveAsync(Risk(projectId, "r1", 3, 4, RaidStatus.Open), "pm-sam", At, default);
        await raid.SaveAsync(Risk(projectId, "r2", 4, 4, RaidStatus.Open), "pm-sam", At, default);
        await raid.SaveAsync(Risk(projectId, "r3", 5, 5, RaidStatus.Closed), "pm-sam", At, default);
        await db.Controls.RefreshAsync(project, default);
        var risk = await FiguresAsync(projectId);
        Assert.Equal(("r2", "Risk r2", 16), (risk.TopRiskId, risk.TopRiskTitle, risk.TopRiskScore));

        // An exception refreshes the figures itself; an approved plan no longer counts as open.
        var exceptions = new ExceptionRepository(db.Database, db.Tasks, db.Controls);
        await exceptions.CreateOrGetAsync(Exception(projectId, 1), default);
        await exceptions.CreateOrGetAsync(Exception(projectId, 2), default);
        Assert.Equal(2, (await FiguresAsync(projectId)).OpenExceptions);
        await exceptions.UpdateAsync(projectId, "Cost-1", e => e with { Status = ExceptionStatus.PlanApproved }, default);
        Assert.Equal(1, (await FiguresAsync(projectId)).OpenExceptions);

        // The latest highlight report's confidence, and the summary counts the project under it.
        var highlights = new HighlightRepository(db.Database);
        await highlights.TryCreateReportAsync(Report(projectId, Today.AddDays(-14), "Green"), default);
        await highlights.TryCreateReportAsync(Report(projectId, Today, "Amber"), default);
        await db.Controls.RefreshAsync(project, default);
        Assert.Equal("Amber", (await FiguresAsync(projectId)).DeliveryConfidence);
        var summary = (await db.Portfolio.PageAsync(new PortfolioFilter(), PortfolioCursor.First, 1, default)).Summary;
        Assert.Contains(summary.Counts, c => c.Stage == ProjectStage.Delivery && c.Confidence == "Amber");

        var before = (await db.Portfolio.GetRowAsync(projectId, default))!;
        await db.Views.DeleteItemAsync<PortfolioRow>(projectId, new PartitionKey(ViewIds.Portfolio));
        await db.Rebuilder.RebuildAsync(default);
        var after = (await db.Portfolio.GetRowAsync(projectId, default))!;

        // The time the row entered its count is the rebuild's own; everything shown is the same.
        Assert.Equal(before with { ETag = null, CountChangedAt = default }, after with { ETag = null, CountChangedAt = default });
        Assert.Equal(new PortfolioFigures
        {
            Approved = 20_000m, Actual = 4_250m, Forecast = 23_500m, NextMilestoneName = "Live", NextMilestoneForecast = Today.AddDays(60),
            TopRiskId = "r2", TopRiskTitle = "Risk r2", TopRiskScore = 16, OpenExceptions = 1, BenefitsStatus = "No forecasts yet", DeliveryConfidence = "Amber",
        }, after.Figures);
    }

    [Fact]
    public async Task A_project_change_keeps_the_figures_on_the_row()
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..12];
        var project = ViewsDatabase.Project(projectId, 8_000m, At) with
        {
            Stage = ProjectStage.Initiation,
            Baseline = new ProjectBaseline(8_000m, [new Milestone("Live", Today.AddDays(30))], Monitoring.MonitorFigures.Tolerances, At, "line-lee"),
        };
        Assert.True(await db.Projects.TryCreateAsync(project, default));
        await new BudgetRepository(db.Database).RecordSpendAsync(Spend(projectId, "s1", 1_000m), default);
        await db.Controls.RefreshAsync(project, default);

        await db.Projects.UpdateAsync(projectId, p => p with { Stage = ProjectStage.Delivery, WaitingFor = "Delivery" }, default);

        var row = (await db.Portfolio.GetRowAsync(projectId, default))!;
        Assert.Equal(ProjectStage.Delivery, row.Stage);
        Assert.Equal(1_000m, row.Figures!.Actual);
    }

    private async Task<PortfolioFigures> FiguresAsync(string projectId) =>
        (await db.Portfolio.GetRowAsync(projectId, default))?.Figures ?? throw new Xunit.Sdk.XunitException("The row has no figures");

    private static SpendEntry Spend(string projectId, string entryId, decimal amount) => new()
    {
        Id = SpendEntry.IdFor(entryId), ProjectId = projectId, EntryId = entryId, Date = Today, Amount = amount, Kind = CostKind.Capital,
        Supplier = "Acme", Description = "Laptops", RecordedBy = "pm-sam", RecordedAt = At,
    };

    private static RaidItem Risk(string projectId, string itemId, int probability, int impact, RaidStatus status) => new()
    {
        Id = RaidItem.IdFor(itemId), ProjectId = projectId, ItemId = itemId, Kind = RaidKind.Risk, Title = "Risk " + itemId, OwnerId = "pm-sam",
        Status = status, Probability = probability, Impact = impact, Version = 0, RaisedAt = At, UpdatedBy = string.Empty, UpdatedAt = default,
    };

    private static ProjectException Exception(string projectId, int episode) => new()
    {
        Id = ProjectException.IdFor(ToleranceKind.Cost, episode), ProjectId = projectId, Kind = ToleranceKind.Cost, Episode = episode, Band = 1,
        Measure = "Forecast 17.5% over the approved £20,000", RaisedOn = Today, Status = ExceptionStatus.AwaitingReport,
    };

    private static HighlightReport Report(string projectId, DateOnly date, string confidence) => new()
    {
        Id = HighlightReport.IdFor(date), ProjectId = projectId, ReportDate = date, PeriodFrom = date.AddDays(-14), Summary = "On course",
        ThisPeriod = "Pilot", NextPeriod = "Rollout", DeliveryConfidence = confidence, Facts = new HighlightFacts([], [], [], [], []), SentBy = "pm-sam", SentAt = At,
    };
}
