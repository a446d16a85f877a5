using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Cadence;

/// <summary>
/// The user research log: a session is logged once with its method, count of participants, findings and stories
/// from the service's backlog; a field for participants' personal data (or any other) is refused by name with every
/// other bad field, and nothing is stored; the team logs, others read.
/// </summary>
public sealed class ResearchHttpTests(ServiceApp app) : IClassFixture<ServiceApp>
{
    [Fact]
    public async Task A_session_is_logged_once_with_linked_stories_and_no_personal_data()
    {
        var projectId = await app.DigitalServiceAsync();
        await CadenceSeed.StoryAsync(app, projectId, "S1");
        var session = new { date = CadenceSeed.Day(0), method = "usabilityTest", participants = 6, findings = "Residents look for 'missed bin' on the bins page, not under 'report'", storyIds = new[] { "S1" } };

        using var dina = app.As("dev-dina");
        using var logged = await dina.PutAsJsonAsync($"/api/projects/{projectId}/research/usability-1", session);
        using var again = await dina.PutAsJsonAsync($"/api/projects/{projectId}/research/usability-1", session);
        using var changed = await dina.PutAsJsonAsync($"/api/projects/{projectId}/research/usability-1", session with { participants = 7 });

        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        using var ben = app.As("board-ben");
        var log = await ben.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/research");
        var stored = Assert.Single(log.EnumerateArray());
        Assert.Equal("UsabilityTest", stored.GetProperty("method").GetString());
        Assert.Equal(6, stored.GetProperty("participants").GetInt32());
        Assert.Equal(["S1"], stored.GetProperty("storyIds").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(
            ["_etag", "date", "findings", "id", "method", "participants", "projectId", "recordedAt", "recordedBy", "sessionId", "storyIds", "type"],
            stored.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, (await app.AuditActionsAsync(projectId)).Count(a => a == "ResearchSessionRecorded"));
    }

    [Fact]
    public async Task Personal_data_and_every_other_bad_field_are_named_and_nothing_is_stored()
    {
        var projectId = await app.DigitalServiceAsync();
        await CadenceSeed.StoryAsync(app, projectId, "S1");
        var other = await app.DigitalServiceAsync();
        await CadenceSeed.StoryAsync(app, other, "S9");
        using var sam = app.As("pm-sam");

        using var bad = await sam.PutAsJsonAsync($"/api/projects/{projectId}/research/bad%20id", new
        {
            date = CadenceSeed.Day(2),
            method = "chat",
            participants = 0,
            participantNames = new[] { "Mrs A Resident" },
            participantEmail = "a.resident@example.com",
            storyIds = new[] { "S1", "S9", "S404" },
        });

        Assert.Equal(
            ["date", "findings", "method", "participantEmail", "participantNames", "participants", "sessionId", "storyIds[1]", "storyIds[2]"],
            await ProblemFields.OfAsync(bad));
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/research")).GetArrayLength());
        Assert.DoesNotContain("ResearchSessionRecorded", await app.AuditActionsAsync(projectId));
    }

    [Fact]
    public async Task Only_the_team_logs_research_and_only_those_who_may_see_the_service_read_it()
    {
        var projectId = await app.DigitalServiceAsync();
        var session = new { date = CadenceSeed.Day(0), method = "interview", participants = 3, findings = "Carers report for others" };

        using var farah = await app.As("fin-farah").PutAsJsonAsync($"/api/projects/{projectId}/research/i1", session);
        using var raviReads = await app.As("ravi").GetAsync($"/api/projects/{projectId}/research");
        using var anonymous = await app.App.Client.GetAsync($"/api/projects/{projectId}/research");
        using var sam = await app.As("pm-sam").PutAsJsonAsync($"/api/projects/{projectId}/research/i1", session);

        Assert.Equal(HttpStatusCode.Forbidden, farah.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, raviReads.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sam.StatusCode);
    }
}
