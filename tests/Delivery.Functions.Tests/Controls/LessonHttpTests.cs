using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The lessons log through the API: the project manager logs a lesson (each version stored and audited once however
/// often it is sent, into Closure too), bad lessons are refused naming every field with nothing stored, nobody else
/// may log one, and the cross-project log finds lessons by category and words from its one view partition, which a
/// view rebuild restores.
/// </summary>
public sealed class LessonHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_lesson_is_created_then_changed_and_a_retry_changes_nothing_each_version_audited_once()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var url = $"/api/projects/{projectId}/lessons/L1";
        var first = Lesson("supplier", "The supplier delivered laptops three weeks late", "Put delivery dates and penalties in the call-off", "wentBadly");
        var second = first with { Recommendation = "Put delivery dates, penalties and a weekly check-in in the call-off" };

        using var created = await sam.PutAsJsonAsync(url, first);
        using var retry = await sam.PutAsJsonAsync(url, first);
        using var changed = await sam.PutAsJsonAsync(url, second);
        using var changedAgain = await sam.PutAsJsonAsync(url, second);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode.OK, 1), (retry.StatusCode, await VersionAsync(retry)));
        Assert.Equal((HttpStatusCode.OK, 2), (changed.StatusCode, await VersionAsync(changed)));
        Assert.Equal((HttpStatusCode.OK, 2), (changedAgain.StatusCode, await VersionAsync(changedAgain)));
        var stored = Assert.Single((await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/lessons")).EnumerateArray());
        Assert.Equal("Supplier", stored.GetProperty("category").GetString());
        Assert.Equal("WentBadly", stored.GetProperty("outcome").GetString());
        Assert.Equal(second.Recommendation, stored.GetProperty("recommendation").GetString());
        Assert.Equal("pm-sam", stored.GetProperty("recordedBy").GetString());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var recorded = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "LessonRecorded").ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, e => Assert.Equal("L1", e.GetProperty("subject").GetString()));
        var inLog = (await SearchAsync(sam, "?category=supplier&q=weekly+check-in")).Single(l => l.GetProperty("lesson").GetProperty("projectId").GetString() == projectId);
        Assert.Equal(2, inLog.GetProperty("lesson").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Bad_lessons_are_refused_naming_every_field_and_nothing_is_stored()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var lessons = $"/api/projects/{projectId}/lessons";

        using var bad = await sam.PutAsJsonAsync($"{lessons}/has%20space", new { category = "weather", whatHappened = " ", outcome = "meh" });
        using var tooLong = await sam.PutAsJsonAsync($"{lessons}/L1", Lesson("1", new string('w', 2_001), new string('r', 2_001), "2"));
        using var empty = await sam.PutAsync($"{lessons}/L1", new StringContent(string.Empty));

        Assert.Equal(["category", "lessonId", "outcome", "recommendation", "whatHappened"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["category", "outcome", "recommendation", "whatHappened"], await ProblemFields.OfAsync(tooLong));
        Assert.Equal(["category", "outcome", "recommendation", "whatHappened"], await ProblemFields.OfAsync(empty));
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>(lessons)).GetArrayLength());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "LessonRecorded");
    }

    [Fact]
    public async Task Only_the_project_manager_logs_lessons_into_Closure_and_only_staff_search_them()
    {
        var projectId = await app.ApprovedProjectAsync();
        var lesson = Lesson("governance", "Board met monthly", "Fortnightly boards in the first stage", "wentWell");
        using var farah = app.As("fin-farah");
        using var rita = app.As("rita");
        using var sam = app.As("pm-sam");

        using var finance = await farah.PutAsJsonAsync($"/api/projects/{projectId}/lessons/L1", lesson);
        using var requesterSearch = await rita.GetAsync("/api/lessons?category=governance");
        await SetStageAsync(projectId, "Closure");
        using var inClosure = await sam.PutAsJsonAsync($"/api/projects/{projectId}/lessons/L1", lesson);
        await SetStageAsync(projectId, "Done");
        using var whenDone = await sam.PutAsJsonAsync($"/api/projects/{projectId}/lessons/L2", lesson);

        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, requesterSearch.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inClosure.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, whenDone.StatusCode);
        Assert.Equal(["L1"], (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/lessons")).EnumerateArray().Select(l => l.GetProperty("lessonId").GetString()!).ToArray());
    }

    [Fact]
    public async Task The_log_finds_lessons_across_projects_by_category_and_words_and_a_rebuild_restores_it()
    {
        var (first, second) = (await app.ApprovedProjectAsync(), await app.ApprovedProjectAsync());
        using var sam = app.As("pm-sam");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await PutAsync(sam, first, "L1", Lesson("procurement", $"Framework call-off took ten weeks {tag}", "Start the call-off before approval", "wentBadly"));
        await PutAsync(sam, first, "L2", Lesson("people", $"Champions in each school {tag}", "Name champions early", "wentWell"));
        await PutAsync(sam, second, "L1", Lesson("procurement", $"Dynamic purchasing system was quick {tag}", "Use the DPS for small buys", "wentWell"));

        var procurement = await SearchAsync(sam, $"?category=Procurement&q={tag}");
        var callOff = await SearchAsync(sam, $"?q=CALL-OFF+{tag}");
        var any = await SearchAsync(sam, $"?q={tag}");
        using var badCategory = await sam.GetAsync("/api/lessons?category=weather");

        Assert.Equal([(second, "L1"), (first, "L1")], procurement.Select(Key).ToArray());
        Assert.Equal([(first, "L1")], callOff.Select(Key).ToArray());
        Assert.Equal(3, any.Count);
        Assert.All(any, l => Assert.StartsWith("Laptop", l.GetProperty("projectTitle").GetString()!, StringComparison.Ordinal));
        Assert.Equal(["category"], await ProblemFields.OfAsync(badCategory));

        // Lost from the view, a rebuild puts the lessons back from the projects' own records.
        var views = app.App.Services.GetRequiredService<Database>().GetContainer(DataContainers.Views);
        await views.DeleteItemAsync<LessonRow>(LessonRow.IdFor(first, "L1"), new PartitionKey(ViewIds.Lessons));
        await views.DeleteItemAsync<LessonRow>(LessonRow.IdFor(second, "L1"), new PartitionKey(ViewIds.Lessons));
        Assert.Empty(await SearchAsync(sam, $"?category=procurement&q={tag}"));
        using var ada = app.As("admin-ada");
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsync("/api/admin/rebuild-views", null)).StatusCode);
        Assert.Equal([(second, "L1"), (first, "L1")], (await SearchAsync(sam, $"?category=procurement&q={tag}")).Select(Key).ToArray());
    }

    private static LessonInput Lesson(string category, string whatHappened, string recommendation, string outcome) => new(category, whatHappened, recommendation, outcome);

    private static async Task PutAsync(HttpClient client, string projectId, string lessonId, LessonInput lesson) =>
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/projects/{projectId}/lessons/{lessonId}", lesson)).StatusCode);

    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/lessons" + query)).GetProperty("lessons").EnumerateArray().ToList();

    private static (string, string) Key(JsonElement hit) =>
        (hit.GetProperty("lesson").GetProperty("projectId").GetString()!, hit.GetProperty("lesson").GetProperty("lessonId").GetString()!);

    private static async Task<int> VersionAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

    /// <summary>Moves the stored project to a stage directly, as closing it through its lifecycle would.</summary>
    private async Task SetStageAsync(string projectId, string stage)
    {
        var projects = app.App.Services.GetRequiredService<Database>().GetContainer(DataContainers.Projects);
        using var read = await projects.ReadItemStreamAsync(projectId, new PartitionKey(projectId));
        var document = (await JsonNode.ParseAsync(read.Content))!.AsObject();
        document["stage"] = stage;
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        using var replaced = await projects.ReplaceItemStreamAsync(body, projectId, new PartitionKey(projectId));
        Assert.True(replaced.IsSuccessStatusCode, $"Moving the project to {stage} failed: {replaced.StatusCode}");
    }

    private sealed record LessonInput(string Category, string WhatHappened, string Recommendation, string Outcome);
}
