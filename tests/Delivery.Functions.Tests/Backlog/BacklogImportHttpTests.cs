using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using static Delivery.Functions.Tests.Backlog.BacklogSeed;

namespace Delivery.Functions.Tests.Backlog;

/// <summary>
/// Importing Jira and Azure Boards CSV exports: a preview showing the mapping, first rows and problems; the items
/// stored with their transitions from the file's dates, once however often the file is sent; a file with a bad row
/// refused naming the row and each bad column, with nothing stored; the user's own column mapping; bad requests.
/// </summary>
public sealed class BacklogImportHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private static readonly DateTimeOffset T = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    internal static string JiraExport() => string.Join("\r\n",
        JiraHeader,
        $"School admissions online,DEL-1,10001,Epic,In Progress,Medium,Sam,{JiraDate(T)},{JiraDate(T)},,Everything parents need to apply,,,,,,",
        $"Apply for a place,DEL-2,10002,Story,Done,High,Sam,{JiraDate(T)},{JiraDate(T.AddDays(9))},{JiraDate(T.AddDays(9))},\"As a parent, I want to apply online, so that I need not post a form\",DEL-1,\"- Saves as you go\n- Sends a receipt\",Sprint 1,Sprint 2,Private beta,{JiraDate(T.AddDays(2))}",
        $"Upload proof of address,DEL-3,10003,Story,In Progress,Medium,Sam,{JiraDate(T.AddDays(1))},{JiraDate(T)},,,DEL-1,,Sprint 2,,,{JiraDate(T.AddDays(5))}",
        $"\"Track an application, with \"\"status\"\"\",DEL-4,10004,Story,Selected for Development,Low,,{JiraDate(T.AddDays(1))},{JiraDate(T)},,As a parent I want to see my application's status so that I stop phoning,DEL-1,Shows the status,,,Public beta,",
        $"Offer letters,DEL-5,10005,Story,To Do,Lowest,,{JiraDate(T.AddDays(3))},{JiraDate(T)},,,,,,,,",
        string.Empty);

    private static string AzureExport(string row4State = "Active", string row4Created = "") => string.Join("\n",
        AzureHeader,
        $"4501,Feature,Find a school,Active,Admissions,Admissions\\Sprint 3,{AzureDate(T)},{AzureDate(T)},,,,,",
        $"4502,User Story,Search by postcode,Closed,Admissions,Admissions\\Sprint 3,{AzureDate(T)},{AzureDate(T.AddDays(1))},{AzureDate(T.AddDays(4))},\"<div>Given a postcode</div><ul><li>Shows schools within 3 miles</li><li>Sorted by distance &amp; name</li></ul>\",parents; search,\"<div>As a parent, I want to search by postcode, so that I find nearby schools</div>\",4501",
        $"4503,Product Backlog Item,Compare schools,{row4State},Admissions,Admissions\\Sprint 3,{(row4Created.Length > 0 ? row4Created : AzureDate(T.AddDays(2)))},{AzureDate(T.AddDays(3))},,,,,4501",
        $"4504,Bug,Map does not load,New,Admissions,Admissions,{AzureDate(T.AddDays(2))},,,,,,",
        string.Empty);

    [Fact]
    public async Task A_Jira_export_is_previewed_then_imported_once_with_its_transitions_epics_and_readiness()
    {
        var id = await ServiceAsync(app);
        using var sam = app.As("pm-sam");

        using var preview = await sam.PostAsync($"/api/projects/{id}/backlog-import/preview?source=jira", Csv(JiraExport()));
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/backlog")).GetArrayLength());
        using var imported = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(JiraExport()));
        using var again = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(JiraExport()));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = await JsonAsync(preview);
        Assert.Equal(5, shown.GetProperty("rows").GetInt32());
        Assert.Equal(0, shown.GetProperty("rowsWithErrors").GetInt32());
        Assert.Equal("Issue key", shown.GetProperty("mapping").GetProperty("key").GetString());
        Assert.Equal("Custom field (Epic Link)", shown.GetProperty("mapping").GetProperty("epic").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("mapping").GetProperty("successMetric").ValueKind);
        Assert.Equal(["DEL-1", "DEL-2", "DEL-3", "DEL-4", "DEL-5"], shown.GetProperty("preview").EnumerateArray().Select(s => s.GetProperty("storyId").GetString()!).ToArray());
        var (first, second) = (await JsonAsync(imported), await JsonAsync(again));
        Assert.Equal((HttpStatusCode.OK, 5, 0), (imported.StatusCode, first.GetProperty("imported").GetInt32(), first.GetProperty("alreadyThere").GetInt32()));
        Assert.Equal((HttpStatusCode.OK, 0, 5), (again.StatusCode, second.GetProperty("imported").GetInt32(), second.GetProperty("alreadyThere").GetInt32()));

        var backlog = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/backlog")).EnumerateArray().ToDictionary(s => s.GetProperty("storyId").GetString()!);
        Assert.Equal(["DEL-1", "DEL-2", "DEL-3", "DEL-4", "DEL-5"], backlog.Values.Select(s => s.GetProperty("storyId").GetString()!).ToArray());
        Assert.Equal(("Epic", "Jira"), (backlog["DEL-1"].GetProperty("kind").GetString(), backlog["DEL-1"].GetProperty("source").GetString()));
        var done = backlog["DEL-2"];
        Assert.Equal(("Done", "DEL-1", "Private beta", 2), (done.GetProperty("status").GetString(), done.GetProperty("epicId").GetString(), done.GetProperty("release").GetString(), done.GetProperty("priority").GetInt32()));
        Assert.Equal(["Saves as you go", "Sends a receipt"], done.GetProperty("acceptanceCriteria").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal([("Backlog", T), ("InProgress", T.AddDays(2)), ("Done", T.AddDays(9))], Transitions(done));
        Assert.Equal([("Backlog", T.AddDays(1)), ("InProgress", T.AddDays(5))], Transitions(backlog["DEL-3"]));
        Assert.Equal(("Ready", true), (backlog["DEL-4"].GetProperty("status").GetString(), backlog["DEL-4"].GetProperty("ready").GetBoolean()));
        Assert.Equal("Track an application, with \"status\"", backlog["DEL-4"].GetProperty("title").GetString());
        Assert.Equal("Backlog", backlog["DEL-5"].GetProperty("status").GetString());
        var audit = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/audit")).EnumerateArray().Where(e => e.GetProperty("action").GetString() == "BacklogImported").ToList();
        Assert.Equal("5 backlog items imported and 0 updated from a Jira export of 5 rows (0 already in the backlog as they are)", Assert.Single(audit).GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_later_export_brings_changed_items_up_to_date_with_their_flow_and_leaves_items_recorded_here_alone()
    {
        var id = await ServiceAsync(app);
        using var sam = app.As("pm-sam");
        await sam.PutAsJsonAsync($"/api/projects/{id}/backlog/DEL-6", new { title = "Recorded here", priority = 6 });
        var lines = JiraExport().Split("\r\n");
        lines[3] = $"Upload proof of address,DEL-3,10003,Story,Done,Medium,Sam,{JiraDate(T.AddDays(1))},{JiraDate(T.AddDays(8))},{JiraDate(T.AddDays(8))},,DEL-1,,Sprint 2,,,{JiraDate(T.AddDays(5))}";
        lines[5] = lines[5].Replace("Offer letters", "Offer letters by email", StringComparison.Ordinal);
        var later = string.Join("\r\n", lines[..^1]) + $"\r\nRecorded in Jira too,DEL-6,10006,Story,To Do,Low,,{JiraDate(T)},{JiraDate(T)},,,,,,,,\r\n";

        using var first = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(JiraExport()));
        var wipBefore = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow?months=12")).GetProperty("workInProgress").GetInt32();
        using var second = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(later));
        using var third = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(later));

        static (int, int, int) Counts(JsonElement r) => (r.GetProperty("imported").GetInt32(), r.GetProperty("updated").GetInt32(), r.GetProperty("alreadyThere").GetInt32());
        Assert.Equal((5, 0, 0), Counts(await JsonAsync(first)));
        Assert.Equal((0, 2, 4), Counts(await JsonAsync(second)));
        Assert.Equal((0, 0, 6), Counts(await JsonAsync(third)));
        var moved = await BacklogHttpTests.StoryAsync(sam, id, "DEL-3");
        Assert.Equal(("Done", 2), (moved.GetProperty("status").GetString(), moved.GetProperty("version").GetInt32()));
        Assert.Equal([("Backlog", T.AddDays(1)), ("InProgress", T.AddDays(5)), ("Done", T.AddDays(8))], Transitions(moved));
        Assert.Equal("Offer letters by email", (await BacklogHttpTests.StoryAsync(sam, id, "DEL-5")).GetProperty("title").GetString());
        var recorded = await BacklogHttpTests.StoryAsync(sam, id, "DEL-6");
        Assert.Equal(("Recorded here", "Recorded"), (recorded.GetProperty("title").GetString(), recorded.GetProperty("source").GetString()));
        var flow = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow?months=12");
        Assert.Equal((1, 0), (wipBefore, flow.GetProperty("workInProgress").GetInt32()));
        Assert.Equal(["DEL-2", "DEL-3"], flow.GetProperty("finished").EnumerateArray().Select(f => f.GetProperty("storyId").GetString()!).Order(StringComparer.Ordinal).ToArray());
        var audit = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/audit")).EnumerateArray().Where(e => e.GetProperty("action").GetString() == "BacklogImported").Select(e => e.GetProperty("summary").GetString()).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains("0 backlog items imported and 2 updated from a Jira export of 6 rows (4 already in the backlog as they are)", audit);
    }

    [Fact]
    public async Task An_Azure_Boards_export_with_a_bad_row_stores_nothing_and_names_the_row_then_the_corrected_file_imports()
    {
        var id = await ServiceAsync(app);
        using var sam = app.As("pm-sam");
        var bad = AzureExport(row4State: "Blocked", row4Created: "sometime in March");

        using var preview = await sam.PostAsync($"/api/projects/{id}/backlog-import/preview?source=azure-boards", Csv(bad));
        using var refused = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=azure-boards", Csv(bad));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(1, (await JsonAsync(preview)).GetProperty("rowsWithErrors").GetInt32());
        var (fields, problem) = await ProblemAsync(refused);
        Assert.Equal(["row 4"], fields);
        var messages = problem.GetProperty("errors").GetProperty("row 4").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("State \"Blocked\" is not one we know", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Created Date \"sometime in March\" is not a date we can read", StringComparison.Ordinal));
        Assert.Contains("1 of 4 rows have problems, so nothing was imported", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/backlog")).GetArrayLength());
        Assert.DoesNotContain((await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/audit")).EnumerateArray(), e => e.GetProperty("action").GetString() == "BacklogImported");
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow")).GetProperty("workInProgress").GetInt32());

        using var imported = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=azure-boards", Csv(AzureExport()));
        Assert.Equal(4, (await JsonAsync(imported)).GetProperty("imported").GetInt32());
        var story = await BacklogHttpTests.StoryAsync(sam, id, "4502");
        Assert.Equal(("Done", "4501", "AzureBoards"), (story.GetProperty("status").GetString(), story.GetProperty("epicId").GetString(), story.GetProperty("source").GetString()));
        Assert.Equal(["Given a postcode", "Shows schools within 3 miles", "Sorted by distance & name"], story.GetProperty("acceptanceCriteria").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal("As a parent, I want to search by postcode, so that I find nearby schools", story.GetProperty("userNeed").GetString());
        Assert.Equal([("Backlog", T), ("InProgress", T.AddDays(1)), ("Done", T.AddDays(4))], Transitions(story));
        Assert.Equal("Epic", (await BacklogHttpTests.StoryAsync(sam, id, "4501")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_user_chooses_columns_and_bad_requests_name_what_is_wrong_without_storing_anything()
    {
        var id = await ServiceAsync(app);
        using var sam = app.As("pm-sam");
        using var farah = app.As("fin-farah");
        var custom = "Ref,Name,Kind,Column,Opened,Began,Ended,Outcome measure\nAPP-1,Pay a fee,Story,Done,2026-03-02T09:00:00Z,2026-03-03T09:00:00Z,2026-03-05T21:00:00Z,Fewer calls\n";
        var mapping = "source=jira&map.key=Ref&map.title=Name&map.type=Kind&map.status=Column&map.created=Opened&map.started=Began&map.finished=Ended&map.successMetric=Outcome+measure&map.userNeed=";

        using var chosen = await sam.PostAsync($"/api/projects/{id}/backlog-import?{mapping}", Csv(custom));
        using var noSource = await sam.PostAsync($"/api/projects/{id}/backlog-import", Csv(JiraExport()));
        using var noColumn = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira&map.title=Headline&map.colour=Red", Csv(JiraExport()));
        using var unmapped = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=azure-boards", Csv(JiraExport()));
        using var empty = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(string.Empty));
        using var unclosed = await sam.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(JiraHeader + "\n\"Apply,DEL-9\n"));
        using var duplicate = await sam.PostAsync($"/api/projects/{id}/backlog-import/preview?source=jira", Csv(JiraExport() + JiraExport().Split("\r\n")[2] + "\r\n"));
        using var finance = await farah.PostAsync($"/api/projects/{id}/backlog-import?source=jira", Csv(JiraExport()));

        Assert.Equal(1, (await JsonAsync(chosen)).GetProperty("imported").GetInt32());
        var story = await BacklogHttpTests.StoryAsync(sam, id, "APP-1");
        Assert.Equal(("Fewer calls", "Done"), (story.GetProperty("successMetric").GetString(), story.GetProperty("status").GetString()));
        Assert.Equal(["source"], await ProblemFields.OfAsync(noSource));
        Assert.Equal(["map.colour", "map.title"], await ProblemFields.OfAsync(noColumn));
        Assert.Equal(["map.created", "map.key", "map.status", "map.title"], await ProblemFields.OfAsync(unmapped));
        Assert.Equal(["file"], await ProblemFields.OfAsync(empty));
        Assert.Equal(["row 2"], await ProblemFields.OfAsync(unclosed));
        var dup = await JsonAsync(duplicate);
        Assert.Contains("DEL-2 is already in an earlier row", dup.GetProperty("errors").GetProperty("row 7")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        Assert.Equal(["APP-1"], (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/backlog")).EnumerateArray().Select(s => s.GetProperty("storyId").GetString()!).ToArray());
    }

    private static (string, DateTimeOffset)[] Transitions(JsonElement story) =>
        story.GetProperty("transitions").EnumerateArray().Select(t => (t.GetProperty("status").GetString()!, t.GetProperty("at").GetDateTimeOffset())).ToArray();
}
