using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The change request form over HTTP, on an approved £9,000 project (change budget £450, milestones may move 5
/// working days): a good post stores the change the API would, under the id the form was opened with, and is assessed
/// the same way (within the delegation: approved automatically); sending the same form again is one change; a bad
/// post names every field and stores nothing; only the project manager may open or send it.
/// </summary>
public sealed partial class ChangeRequestPageHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_good_post_stores_what_the_api_would_and_is_assessed_the_same_way()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var changeId = await OpenAsync(sam, projectId);

        using var sent = await sam.PostAsync(Path(projectId), Good(changeId));
        using var again = await sam.PostAsync(Path(projectId), Good(changeId));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Change request sent", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a retry: the same change, not a second one
        var change = await ChangeAsync(projectId, changeId, "Approved");
        Assert.Equal("Cost", change.GetProperty("kind").GetString());
        Assert.Equal("More licences", change.GetProperty("title").GetString());
        Assert.Equal("Two more branches asked to join", change.GetProperty("justification").GetString());
        Assert.Equal("Benefit b1 grows", change.GetProperty("impact").GetString());
        Assert.Equal(400m, change.GetProperty("costImpact").GetDecimal());
        var moved = change.GetProperty("milestones").EnumerateArray().Single();
        Assert.Equal(("m1", "2027-02-03"), (moved.GetProperty("milestoneId").GetString(), moved.GetProperty("baseline").GetString()));
        Assert.Equal(1, change.GetProperty("version").GetInt32());
        Assert.Equal("pm-sam", change.GetProperty("raisedBy").GetString());
        Assert.True(change.GetProperty("decision").GetProperty("automatic").GetBoolean());
        var all = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/changes");
        Assert.Equal(1, all.GetArrayLength());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ChangeRequested"));
    }

    [Fact]
    public async Task A_bad_post_names_every_field_and_stores_nothing()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var changeId = await OpenAsync(sam, projectId);

        using var bad = await sam.PostAsync(Path(projectId), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["changeId"] = changeId,
            ["title"] = " ",
            ["costImpact"] = "a lot",
            ["milestones.m1-day"] = "30",
            ["milestones.m1-month"] = "2",
            ["milestones.m1-year"] = "2027",
        }));
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["#kind", "#title", "#justification", "#impact", "#costImpact", "#milestones.m1-day"], ErrorLinks(html));
        Assert.Contains("Choose the kind of change: scope, time or cost", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{changeId}\"", html, StringComparison.Ordinal); // the same change when it is sent again
        var all = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/changes");
        Assert.Equal(0, all.GetArrayLength());
    }

    [Fact]
    public async Task Only_the_project_manager_may_open_or_send_the_form()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var rita = app.As("rita");
        using var ravi = app.As("ravi");
        using var sam = app.As("pm-sam");

        using var opened = await rita.GetAsync(Path(projectId));
        using var posted = await rita.PostAsync(Path(projectId), Good("cr-rita"));
        using var stranger = await ravi.PostAsync(Path(projectId), Good("cr-ravi"));

        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Contains("You cannot request a change to this project", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/changes")).GetArrayLength());
        Assert.Contains(Path(projectId), await sam.GetStringAsync($"/api/projects/{projectId}/delivery"), StringComparison.Ordinal);
        Assert.DoesNotContain(Path(projectId), await rita.GetStringAsync($"/api/projects/{projectId}/delivery"), StringComparison.Ordinal);
    }

    private static string Path(string projectId) => $"/api/projects/{projectId}/change-request";

    /// <summary>Opens the form and returns the change id it was given.</summary>
    private static async Task<string> OpenAsync(HttpClient client, string projectId)
    {
        var html = await client.GetStringAsync(Path(projectId));
        return ChangeIdField().Match(html).Groups[1].Value;
    }

    /// <summary>£400 and 3 working days (m1 from Friday 29 January to Wednesday 3 February): within Sam's delegation.</summary>
    private static FormUrlEncodedContent Good(string changeId) => new(new Dictionary<string, string>
    {
        ["changeId"] = changeId,
        ["kind"] = "cost",
        ["title"] = "More licences",
        ["justification"] = "Two more branches asked to join",
        ["impact"] = "Benefit b1 grows",
        ["costImpact"] = "£400",
        ["milestones.m1-day"] = "3",
        ["milestones.m1-month"] = "2",
        ["milestones.m1-year"] = "2027",
        ["milestones.m2-day"] = string.Empty,
    });

    private async Task<JsonElement> ChangeAsync(string projectId, string changeId, string status)
    {
        using var admin = app.As("admin-ada");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var change = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/changes/{changeId}");
            if (change.GetProperty("status").GetString() == status)
            {
                return change;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Change {changeId} of {projectId} did not become {status}: {change}");
            await Task.Delay(100);
        }
    }

    private static string[] ErrorLinks(string html) =>
        Regex.Matches(html, "<div class=\"govuk-error-summary__body\">.*?</ul>", RegexOptions.Singleline)
            .SelectMany(m => Regex.Matches(m.Value, "href=\"([^\"]+)\"").Select(l => l.Groups[1].Value))
            .ToArray();

    [GeneratedRegex("name=\"changeId\" value=\"(cr-[0-9a-f]{10})\"")]
    private static partial Regex ChangeIdField();
}
