using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;
using static Delivery.Functions.Tests.Backlog.BacklogSeed;

namespace Delivery.Functions.Tests.Backlog;

/// <summary>
/// A team's flow metrics against a seeded history with known answers, imported from an Azure Boards export so every
/// date is the file's: months A (two months ago) and B (last month), days counted from each month's start.
/// </summary>
public static class TeamFlowSeed
{
    public static DateTimeOffset MonthA(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-2);

    public static DateTimeOffset MonthB(DateTimeOffset now) => MonthA(now).AddMonths(1);

    /// <summary>
    /// Cycle times: S1 2 days and S2 5 days (finished in A); S3 1, S4 8 and S5 3 days (finished in B); S6 finished in
    /// B without a start. So 5 cycle times [1, 2, 3, 5, 8]: mean 3.8, 50th percentile rank ⌈2.5⌉ = 3 → 3 days, 85th
    /// rank ⌈4.25⌉ = 5 → 8 days. Throughput A 2, B 4, this month 0. In progress: S7 started 10 days ago, S8 4 days
    /// ago (ages 10 and 4: 50th percentile 4, 85th 10); S9 waits in the backlog; the epic E1, in progress, is no story.
    /// </summary>
    public static async Task<DateTimeOffset> SeedAsync(ApprovalApp app, string projectId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset a = MonthA(now), b = MonthB(now);
        string Row(string id, string type, string state, DateTimeOffset created, DateTimeOffset? activated, DateTimeOffset? closed) =>
            $"{id},{type},Story {id},{state},Admissions,Admissions,{AzureDate(created)},{(activated is { } x ? AzureDate(x) : "")},{(closed is { } y ? AzureDate(y) : "")},,,,";
        var csv = string.Join("\n",
            AzureHeader,
            Row("E1", "Epic", "Active", a, a, null),
            Row("S1", "User Story", "Closed", a, a.AddDays(1), a.AddDays(3)),
            Row("S2", "User Story", "Closed", a, a.AddDays(2), a.AddDays(7)),
            Row("S3", "User Story", "Closed", a, b.AddDays(1), b.AddDays(2)),
            Row("S4", "User Story", "Closed", a, b.AddDays(1), b.AddDays(9)),
            Row("S5", "User Story", "Closed", b, b.AddDays(2), b.AddDays(5)),
            Row("S6", "Bug", "Closed", b, null, b.AddDays(10)),
            Row("S7", "User Story", "Active", a, now.AddDays(-10), null),
            Row("S8", "User Story", "Active", a, now.AddDays(-4), null),
            Row("S9", "User Story", "New", a, null, null),
            string.Empty);
        using var sam = app.As("pm-sam");
        using var imported = await sam.PostAsync($"/api/projects/{projectId}/backlog-import?source=azure-boards", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        return now;
    }
}

public sealed class TeamFlowHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Cycle_time_percentiles_throughput_work_in_progress_and_ages_match_the_hand_computed_answers_in_JSON_and_CSV_and_after_a_views_rebuild()
    {
        var id = await ServiceAsync(app);
        var seeded = await TeamFlowSeed.SeedAsync(app, id);
        using var farah = app.As("fin-farah");
        string a = TeamFlowSeed.MonthA(seeded).ToString("yyyy-MM", CultureInfo.InvariantCulture), b = TeamFlowSeed.MonthB(seeded).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var report = await farah.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow?months=3");
        var after = DateTimeOffset.UtcNow;
        using var csv = await farah.GetAsync($"/api/projects/{id}/team-flow.csv?months=3");
        using var badMonths = await farah.GetAsync($"/api/projects/{id}/team-flow?months=0");

        var cycle = report.GetProperty("cycleTime");
        Assert.Equal((5, 3.8, 3d, 8d), (cycle.GetProperty("count").GetInt32(), cycle.GetProperty("meanDays").GetDouble(), cycle.GetProperty("percentile50Days").GetDouble(), cycle.GetProperty("percentile85Days").GetDouble()));
        Assert.Equal(1, report.GetProperty("finishedWithoutStart").GetInt32());
        Assert.Equal(["S1", "S2", "S3", "S5", "S4", "S6"], report.GetProperty("finished").EnumerateArray().Select(f => f.GetProperty("storyId").GetString()!).ToArray());
        Assert.Equal([(a, 2), (b, 4), (seeded.ToString("yyyy-MM", CultureInfo.InvariantCulture), 0)],
            report.GetProperty("throughput").EnumerateArray().Select(t => (t.GetProperty("month").GetString()!, t.GetProperty("finished").GetInt32())).ToArray());
        Assert.Equal(2, report.GetProperty("workInProgress").GetInt32());
        var ages = report.GetProperty("ages").EnumerateArray().ToList();
        Assert.Equal(["S7", "S8"], ages.Select(x => x.GetProperty("storyId").GetString()!).ToArray());
        var slack = (after - seeded).TotalDays + 0.01;
        Assert.InRange(ages[0].GetProperty("ageDays").GetDouble(), 10d - 0.01, 10d + slack);
        Assert.InRange(report.GetProperty("age").GetProperty("percentile50Days").GetDouble(), 4d - 0.01, 4d + slack);
        Assert.InRange(report.GetProperty("age").GetProperty("percentile85Days").GetDouble(), 10d - 0.01, 10d + slack);

        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Metric,Subject,Month,Count,Days,Mean days,50th percentile days,85th percentile days", lines[0]);
        Assert.Contains("Cycle time summary,Stories finished with a start,,5,,3.8,3,8", lines);
        Assert.Contains($"Cycle time,S4,{b},1,8,,,", lines);
        Assert.Contains($"Throughput,Stories finished,{a},2,,,,", lines);
        Assert.Contains("Work in progress,\"Stories started, not finished\",,2,,,,", lines);
        Assert.Equal(["months"], await ProblemFields.OfAsync(badMonths));

        // One month shows only this month: nothing finished, the same work in progress.
        var thisMonth = await farah.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow?months=1");
        Assert.Equal((0, 2), (thisMonth.GetProperty("cycleTime").GetProperty("count").GetInt32(), thisMonth.GetProperty("workInProgress").GetInt32()));

        // Lose the summary of month B's year and work in progress, slip a story that does not exist into month A:
        // the views rebuild puts back what the stories say.
        var projects = app.App.Services.GetRequiredService<Database>().GetContainer(DataContainers.Projects);
        await projects.DeleteItemAsync<object>(BacklogFlowDocument.YearId(BacklogFlowDocument.YearOf(b)), new PartitionKey(id));
        await projects.DeleteItemAsync<object>(BacklogFlowDocument.WipId, new PartitionKey(id));
        var start = TeamFlowSeed.MonthA(seeded);
        await app.App.Services.GetRequiredService<BacklogFlowSummary>().ApplyAsync(id, "S99", StoryFlow.None, new StoryFlow(start, start.AddDays(1), false), CancellationToken.None);
        var broken = await farah.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow?months=3");
        var leftInA = BacklogFlowDocument.YearOf(a) == BacklogFlowDocument.YearOf(b) ? 0 : 2;
        Assert.Equal((0, leftInA + 1), (broken.GetProperty("workInProgress").GetInt32(), broken.GetProperty("cycleTime").GetProperty("count").GetInt32()));
        using var ada = app.As("admin-ada");
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsync("/api/admin/rebuild-views", null)).StatusCode);
        var rebuilt = await farah.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow?months=3");
        foreach (var part in new[] { "finished", "cycleTime", "throughput", "workInProgress", "finishedWithoutStart" })
        {
            Assert.Equal(report.GetProperty(part).GetRawText(), rebuilt.GetProperty(part).GetRawText());
        }

        Assert.Equal(["S7", "S8"], rebuilt.GetProperty("ages").EnumerateArray().Select(x => x.GetProperty("storyId").GetString()!).ToArray());
    }

    [Fact]
    public async Task Only_people_who_may_see_a_digital_service_read_its_flow()
    {
        var id = await ServiceAsync(app);
        var project = await ServiceAsync(app, category: Delivery.Workflows.Projects.ProjectCategory.TechnologyProject);
        using var rita = app.As("rita");
        using var sam = app.As("pm-sam");

        using var stranger = await rita.GetAsync($"/api/projects/{id}/team-flow");
        using var technology = await sam.GetAsync($"/api/projects/{project}/team-flow");
        using var unknown = await sam.GetAsync("/api/projects/prj-000000000000000000000000/team-flow");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, technology.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
