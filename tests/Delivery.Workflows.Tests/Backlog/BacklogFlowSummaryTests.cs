using System.Text;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Tests.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Backlog;

/// <summary>
/// A team's flow summaries in Cosmos: one document per year of finishes and one for work in progress. A story whose
/// finish moves to another year leaves the old year's document; applying the same move again writes nothing; the
/// months asked for come out of the year documents; the views rebuild deletes a summary document it does not want,
/// such as a month document of the earlier layout.
/// </summary>
public sealed class BacklogFlowSummaryTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    private static readonly DateTimeOffset December = new(2026, 12, 30, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January = new(2027, 1, 4, 11, 0, 0, TimeSpan.Zero);

    private Container Projects => db.Database.GetContainer(DataContainers.Projects);

    [Fact]
    public async Task A_finish_moved_into_the_next_year_leaves_the_old_years_document_and_repeating_it_writes_nothing()
    {
        var flow = new BacklogFlowSummary(db.Database);
        var projectId = "team-" + Guid.NewGuid().ToString("N")[..8];
        var started = December.AddDays(-3);
        await flow.AddAsync(projectId, [("S1", new StoryFlow(started, December, false)), ("S2", new StoryFlow(started, December.AddHours(1), false)), ("S3", new StoryFlow(started, null, true))], CancellationToken.None);

        var before = await flow.ReadAsync(projectId, ["2026-11", "2026-12", "2027-01"], CancellationToken.None);
        Assert.Equal([("2026-11", 0), ("2026-12", 2), ("2027-01", 0)], before.Months.Select(m => (m.Month, m.Items.Count)).ToArray());
        Assert.Equal(["S3"], before.Wip.Select(i => i.StoryId).ToArray());

        // S1 reopened after the new year and finished again; S3 finished in January.
        await flow.ApplyAsync(projectId, "S1", new StoryFlow(started, December, false), new StoryFlow(started, January, false), CancellationToken.None);
        await flow.ApplyAsync(projectId, "S3", new StoryFlow(started, null, true), new StoryFlow(started, January, false), CancellationToken.None);
        var etags = await ETagsAsync(projectId);
        await flow.ApplyAsync(projectId, "S1", new StoryFlow(started, December, false), new StoryFlow(started, January, false), CancellationToken.None);

        var after = await flow.ReadAsync(projectId, ["2026-12", "2027-01"], CancellationToken.None);
        Assert.Equal(["S2"], after.Months[0].Items.Select(i => i.StoryId).ToArray());
        Assert.Equal(["S1", "S3"], after.Months[1].Items.Select(i => i.StoryId).ToArray());
        Assert.Equal(January, after.Months[1].Items[0].FinishedAt);
        Assert.Empty(after.Wip);
        Assert.Equal(etags, await ETagsAsync(projectId));
        Assert.Equal(["S2"], (await Projects.ReadItemAsync<BacklogFlowDocument>(BacklogFlowDocument.YearId("2026"), new PartitionKey(projectId))).Resource.Items.Select(i => i.StoryId).ToArray());
    }

    [Fact]
    public async Task The_views_rebuild_writes_year_documents_from_the_stories_and_deletes_a_month_document_of_the_earlier_layout()
    {
        var flow = new BacklogFlowSummary(db.Database);
        var projectId = "team-" + Guid.NewGuid().ToString("N")[..8];
        const string earlier = "backlogflow~month~2026-12";
        var legacy = $$"""{"id":"{{earlier}}","projectId":"{{projectId}}","type":"backlogflow","month":"2026-12","items":[{"storyId":"S1","startedAt":"2026-12-27T16:00:00+00:00","finishedAt":"2026-12-30T16:00:00+00:00"}]}""";
        using (var created = await Projects.CreateItemStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(legacy)), new PartitionKey(projectId)))
        {
            Assert.True(created.IsSuccessStatusCode);
        }

        var legacyRead = await Projects.ReadItemAsync<BacklogFlowDocument>(earlier, new PartitionKey(projectId));
        Assert.Equal(new BacklogFlowItem("S1", December.AddDays(-3), December), Assert.Single(legacyRead.Resource.Items));

        await flow.RebuildAsync(projectId, [("S1", new StoryFlow(December.AddDays(-3), December, false)), ("S2", new StoryFlow(December, null, true))], CancellationToken.None);

        using (var gone = await Projects.ReadItemStreamAsync(earlier, new PartitionKey(projectId)))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        }

        var rebuilt = await flow.ReadAsync(projectId, ["2026-12"], CancellationToken.None);
        Assert.Equal(["S1"], rebuilt.Months[0].Items.Select(i => i.StoryId).ToArray());
        Assert.Equal(["S2"], rebuilt.Wip.Select(i => i.StoryId).ToArray());
    }

    private async Task<string[]> ETagsAsync(string projectId)
    {
        var ids = new[] { BacklogFlowDocument.YearId("2026"), BacklogFlowDocument.YearId("2027"), BacklogFlowDocument.WipId };
        var etags = new List<string>();
        foreach (var id in ids)
        {
            etags.Add((await Projects.ReadItemAsync<BacklogFlowDocument>(id, new PartitionKey(projectId))).ETag);
        }

        return [.. etags];
    }
}
