using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Views;

/// <summary>
/// The portfolio view against the local Cosmos server: rows and counts follow the project documents through the
/// repository, pages come newest first with the filter's total, and neither a refresh that stopped half-way,
/// concurrent changes nor a lost view leave the counts wrong.
/// </summary>
public sealed class PortfolioViewTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rows_counts_pages_and_filters_follow_the_project_documents()
    {
        // One test owns the database's portfolio, so its counts are exact; the others below run after it here.
        await db.Projects.TryCreateAsync(ViewsDatabase.Project("prj-a", 9_000m, Monday), default);
        await db.Projects.TryCreateAsync(ViewsDatabase.Project("prj-b", 60_000m, Monday.AddDays(1)), default);
        await db.Projects.TryCreateAsync(ViewsDatabase.Project("prj-c", 250_000m, Monday.AddDays(2), ProjectCategory.DigitalService), default);
        await db.Projects.UpdateAsync("prj-b", p => p with { Stage = ProjectStage.Approval, WaitingFor = "Line manager approval" }, default);

        var first = await db.Portfolio.PageAsync(new PortfolioFilter(), PortfolioCursor.First, 2, default);
        var second = await db.Portfolio.PageAsync(new PortfolioFilter(), new PortfolioCursor(After: first.Rows[^1].SortKey), 2, default);
        var back = await db.Portfolio.PageAsync(new PortfolioFilter(), new PortfolioCursor(Before: second.Rows[0].SortKey), 2, default);
        var approval = await db.Portfolio.PageAsync(new PortfolioFilter(Stage: ProjectStage.Approval), PortfolioCursor.First, 25, default);
        var digital = await db.Portfolio.PageAsync(new PortfolioFilter(Category: ProjectCategory.DigitalService), PortfolioCursor.First, 25, default);
        var band = await db.Portfolio.PageAsync(new PortfolioFilter(CostBand: "Up to £25,000"), PortfolioCursor.First, 25, default);

        Assert.Equal(["prj-c", "prj-b"], first.Rows.Select(r => r.Id));
        Assert.Equal(["prj-a"], second.Rows.Select(r => r.Id));
        Assert.Equal(["prj-c", "prj-b"], back.Rows.Select(r => r.Id));
        Assert.True(first is { HasNewer: false, HasOlder: true });
        Assert.True(second is { HasNewer: true, HasOlder: false });
        Assert.True(back is { HasNewer: false, HasOlder: true });
        Assert.Equal(3, first.Matching);
        Assert.Equal(2, first.Summary.CountOf(ProjectStage.Request));
        Assert.Equal(1, first.Summary.CountOf(ProjectStage.Approval));
        Assert.Equal(["prj-b"], approval.Rows.Select(r => r.Id));
        Assert.Equal(1, approval.Matching);
        Assert.Equal("Line manager approval", approval.Rows[0].WaitingFor);
        Assert.Equal(["prj-c"], digital.Rows.Select(r => r.Id));
        Assert.Equal(["prj-a"], band.Rows.Select(r => r.Id));
        Assert.Equal("Over £100,000", digital.Rows[0].CostBand);

        await RefreshStoppedBeforeItsRecountIsPutRightByTheNext();
        await ConcurrentChangesLeaveExactCounts();
        await ALostViewIsRebuiltFromTheProjectPartitions();
    }

    private async Task RefreshStoppedBeforeItsRecountIsPutRightByTheNext()
    {
        // The project moved to Initiation and its row followed, then the process died before the recount.
        var moved = (await new ProjectPartition<ProjectDocument>(db.Database).UpdateAsync("prj-a", "prj-a", p => p with { Stage = ProjectStage.Initiation }, default))!;
        await db.Portfolio.WriteRowAsync(moved, default);
        var stale = await db.Portfolio.PageAsync(new PortfolioFilter(), PortfolioCursor.First, 25, default);
        Assert.Equal(0, stale.Summary.CountOf(ProjectStage.Initiation));

        // The activity's retry writes the same document again: the row is already right, the recount is not.
        await db.Portfolio.RefreshAsync(moved, default);

        var mended = await db.Portfolio.PageAsync(new PortfolioFilter(), PortfolioCursor.First, 25, default);
        Assert.Equal(1, mended.Summary.CountOf(ProjectStage.Initiation));
        Assert.Equal(1, mended.Summary.CountOf(ProjectStage.Request));
    }

    private async Task ConcurrentChangesLeaveExactCounts()
    {
        var ids = Enumerable.Range(0, 12).Select(i => $"prj-many-{i:00}").ToList();
        await Task.WhenAll(ids.Select((id, i) => db.Projects.TryCreateAsync(ViewsDatabase.Project(id, 5_000m, Monday.AddHours(i)), default)));
        await Task.WhenAll(ids.Select(id => db.Projects.UpdateAsync(id, p => p with { Stage = ProjectStage.BusinessCase }, default)));

        var page = await db.Portfolio.PageAsync(new PortfolioFilter(Stage: ProjectStage.BusinessCase), PortfolioCursor.First, 25, default);

        Assert.Equal(12, page.Matching);
        Assert.Equal(12, page.Rows.Count);
        Assert.Equal(15, page.Summary.Counts.Sum(c => c.Count));
    }

    private async Task ALostViewIsRebuiltFromTheProjectPartitions()
    {
        var before = await db.Portfolio.PageAsync(new PortfolioFilter(), PortfolioCursor.First, 100, default);
        var partition = new PartitionKey(ViewIds.Portfolio);
        await db.Views.DeleteItemAsync<PortfolioSummary>(PortfolioSummary.DocumentId, partition);
        await db.Views.DeleteItemAsync<PortfolioRow>("prj-b", partition);
        await db.Views.DeleteItemAsync<PortfolioRow>("prj-many-03", partition);

        var report = await db.Rebuilder.RebuildAsync(default);

        var after = await db.Portfolio.PageAsync(new PortfolioFilter(), PortfolioCursor.First, 100, default);
        Assert.Equal(15, report.Projects);
        Assert.Equal(15, report.PortfolioTotal);
        Assert.Equal(before.Rows.Select(r => (r.Id, r.Stage, r.CostBand)), after.Rows.Select(r => (r.Id, r.Stage, r.CostBand)));
        Assert.Equal(before.Summary.Counts, after.Summary.Counts);
    }
}
