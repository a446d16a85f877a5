using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Tests.Backlog;

/// <summary>
/// A digital service's backlog through the API: the readiness rules (a user need in the agreed form and an acceptance
/// criterion, named when missing), moves keeping every transition and audited once, the team's flow following the
/// moves, bad items refused naming every field with nothing stored, and who may record.
/// </summary>
public sealed class BacklogHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private const string Need = "As a parent, I want to apply for a school place online, so that I do not have to post a paper form";

    [Fact]
    public async Task A_story_is_only_ready_with_a_user_need_in_the_agreed_form_and_an_acceptance_criterion()
    {
        var id = await BacklogSeed.ServiceAsync(app);
        using var sam = app.As("pm-sam");
        var url = $"/api/projects/{id}/backlog";
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"{url}/E1", new { kind = "epic", title = "Admissions", priority = 2 })).StatusCode);

        using var bare = await sam.PostAsJsonAsync($"{url}/S1/move", new { status = "ready" });
        await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1, userNeed = "Parents should apply online", acceptanceCriteria = new[] { "The form saves as you go" } });
        using var wrongForm = await sam.PostAsJsonAsync($"{url}/S1/move", new { status = "ready" });
        await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1, userNeed = Need, acceptanceCriteria = Array.Empty<string>() });
        using var noCriteria = await sam.PostAsJsonAsync($"{url}/S1/move", new { status = "ready" });
        await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1, userNeed = Need, acceptanceCriteria = new[] { "Given a parent, when they sign in, then they see their draft" } });
        using var ready = await sam.PostAsJsonAsync($"{url}/S1/move", new { status = "ready" });
        using var takeAway = await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1, userNeed = "Apply online" });
        using var epic = await sam.PostAsJsonAsync($"{url}/E1/move", new { status = "ready" });

        var (bareFields, problem) = await BacklogSeed.ProblemAsync(bare);
        Assert.Equal(["acceptanceCriteria", "userNeed"], bareFields);
        Assert.Equal("The story is not ready", problem.GetProperty("title").GetString());
        Assert.Contains("As a …, I want …, so that …", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (wrongFields, wrongProblem) = await BacklogSeed.ProblemAsync(wrongForm);
        Assert.Equal(["userNeed"], wrongFields);
        Assert.StartsWith("Write the user need as", wrongProblem.GetProperty("errors").GetProperty("userNeed")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["acceptanceCriteria"], await ProblemFields.OfAsync(noCriteria));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True((await BacklogSeed.JsonAsync(ready)).GetProperty("ready").GetBoolean());
        Assert.Equal(["acceptanceCriteria", "userNeed"], await ProblemFields.OfAsync(takeAway));
        Assert.Equal(["kind"], await ProblemFields.OfAsync(epic));
        var stored = await StoryAsync(sam, id, "S1");
        Assert.Equal("Ready", stored.GetProperty("status").GetString());
        Assert.Equal(Need, stored.GetProperty("userNeed").GetString());
    }

    [Fact]
    public async Task Moves_keep_every_transition_with_its_time_are_audited_once_and_drive_the_team_flow()
    {
        var id = await BacklogSeed.ServiceAsync(app);
        using var sam = app.As("pm-sam");
        var url = $"/api/projects/{id}/backlog";
        var before = DateTimeOffset.UtcNow;
        await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1, userNeed = Need, acceptanceCriteria = new[] { "Saves as you go" }, successMetric = "80% apply online", release = "Private beta" });

        foreach (var status in new[] { "ready", "inProgress", "done", "done" })
        {
            using var moved = await sam.PostAsJsonAsync($"{url}/S1/move", new { status });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var done = await StoryAsync(sam, id, "S1");
        var transitions = done.GetProperty("transitions").EnumerateArray().ToList();
        Assert.Equal(["Backlog", "Ready", "InProgress", "Done"], transitions.Select(t => t.GetProperty("status").GetString()!).ToArray());
        var times = transitions.Select(t => t.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order().ToList(), times);
        Assert.All(times, t => Assert.InRange(t, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal(("Private beta", "80% apply online"), (done.GetProperty("release").GetString(), done.GetProperty("successMetric").GetString()));
        var audit = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/audit")).EnumerateArray().ToList();
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "StoryRecorded");
        Assert.Equal(3, audit.Count(e => e.GetProperty("action").GetString() == "StoryMoved" && e.GetProperty("subject").GetString() == "S1"));

        var finished = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow");
        Assert.Equal(1, finished.GetProperty("cycleTime").GetProperty("count").GetInt32());
        Assert.Equal("S1", finished.GetProperty("finished")[0].GetProperty("storyId").GetString());
        Assert.Equal(0, finished.GetProperty("workInProgress").GetInt32());

        // Reopened, it is work in progress again and no longer counted as finished.
        await sam.PostAsJsonAsync($"{url}/S1/move", new { status = "inProgress" });
        var reopened = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/team-flow");
        Assert.Equal(0, reopened.GetProperty("finished").GetArrayLength());
        Assert.Equal(1, reopened.GetProperty("workInProgress").GetInt32());
        // The flow summaries keep times to the millisecond.
        Assert.Equal(times[2].ToUnixTimeMilliseconds(), reopened.GetProperty("ages")[0].GetProperty("startedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Bad_items_and_moves_are_refused_naming_every_field_and_nothing_is_stored()
    {
        var id = await BacklogSeed.ServiceAsync(app);
        using var sam = app.As("pm-sam");
        var url = $"/api/projects/{id}/backlog";

        using var bad = await sam.PutAsJsonAsync($"{url}/has%20space", new { kind = "saga", title = " ", priority = 0, acceptanceCriteria = new[] { "" }, userNeed = new string('u', 10_001) });
        using var noEpic = await sam.PutAsJsonAsync($"{url}/S1", new { title = "Apply online", priority = 1, epicId = "E404" });
        using var empty = await sam.PutAsync($"{url}/S1", new StringContent(string.Empty));
        using var notJson = await sam.PutAsync($"{url}/S1", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        using var badMove = await sam.PostAsJsonAsync($"{url}/S1/move", new { status = "blocked" });
        using var noStory = await sam.PostAsJsonAsync($"{url}/S404/move", new { status = "done" });

        Assert.Equal(["acceptanceCriteria", "kind", "priority", "storyId", "title", "userNeed"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["epicId"], await ProblemFields.OfAsync(noEpic));
        Assert.Equal(["priority", "title"], await ProblemFields.OfAsync(empty));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(["status"], await ProblemFields.OfAsync(badMove));
        Assert.Equal(HttpStatusCode.NotFound, noStory.StatusCode);
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>(url)).GetArrayLength());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() is "StoryRecorded" or "StoryMoved");
    }

    [Fact]
    public async Task The_delivery_manager_and_Admin_record_others_read_and_only_digital_services_have_a_backlog()
    {
        var id = await BacklogSeed.ServiceAsync(app);
        var project = await BacklogSeed.ServiceAsync(app, category: ProjectCategory.TechnologyProject);
        var retired = await BacklogSeed.ServiceAsync(app, ProjectStage.Closed);
        var story = new { title = "Apply online", priority = 1 };
        using var sam = app.As("pm-sam");
        using var ada = app.As("admin-ada");
        using var farah = app.As("fin-farah");
        using var rita = app.As("rita");

        using var finance = await farah.PutAsJsonAsync($"/api/projects/{id}/backlog/S1", story);
        using var admin = await ada.PutAsJsonAsync($"/api/projects/{id}/backlog/S1", story);
        using var stranger = await rita.PutAsJsonAsync($"/api/projects/{id}/backlog/S2", story);
        using var technology = await sam.PutAsJsonAsync($"/api/projects/{project}/backlog/S1", story);
        using var ended = await sam.PutAsJsonAsync($"/api/projects/{retired}/backlog/S1", story);
        using var financeMove = await farah.PostAsJsonAsync($"/api/projects/{id}/backlog/S1/move", new { status = "inProgress" });
        using var financeReads = await farah.GetAsync($"/api/projects/{id}/backlog");
        using var ritaReads = await rita.GetAsync($"/api/projects/{id}/backlog");

        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, technology.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, financeMove.StatusCode);
        Assert.Equal(HttpStatusCode.OK, financeReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ritaReads.StatusCode);
        Assert.Equal("admin-ada", (await StoryAsync(sam, id, "S1")).GetProperty("recordedBy").GetString());
    }

    public static async Task<JsonElement> StoryAsync(HttpClient client, string projectId, string storyId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/backlog");
        return list.EnumerateArray().Single(s => s.GetProperty("storyId").GetString() == storyId);
    }
}
