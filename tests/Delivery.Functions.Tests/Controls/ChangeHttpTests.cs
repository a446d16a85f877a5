using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Change requests end to end on an approved £9,000 project (change budget 5 %: £450; the project manager may move a
/// milestone by up to 5 working days). Within that delegation a change is approved automatically and re-baselines the
/// project with the old baseline kept; beyond it Lee, whose approval set the tolerances, decides through the approval
/// gate. More information brings back a second version; a rejection changes nothing. Bad changes are named field by
/// field, and only the project manager may send one.
/// </summary>
public sealed class ChangeHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_change_within_the_delegation_is_approved_automatically_and_the_next_one_beyond_it_waits()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        // £450 of change budget: £400 and 3 working days (m1 from Friday 29 January to Wednesday 3 February) fit.
        var within = Change("Cost", 400m, ("m1", "2027-02-03"));
        using var sent = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr1", within);
        using var retry = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr1", within);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        var approved = await ChangeAsync(projectId, "cr1", "Approved");
        Assert.True(approved.GetProperty("decision").GetProperty("automatic").GetBoolean());
        Assert.True(approved.GetProperty("assessment").GetProperty("withinDelegation").GetBoolean());
        Assert.Equal(450m, approved.GetProperty("assessment").GetProperty("changeBudgetLeft").GetDecimal());
        Assert.Equal(3, approved.GetProperty("assessment").GetProperty("slipWorkingDays").GetInt32());
        var project = await ProjectWithBudgetAsync(projectId, 9_400m);
        Assert.Equal(400m, project.GetProperty("baseline").GetProperty("changeBudgetUsed").GetDecimal());
        Assert.Equal(9_000m, project.GetProperty("earlierBaselines")[0].GetProperty("approvedBudget").GetDecimal());
        Assert.Single(await EmailsToSamAsync(projectId, "Change approved")); // sent once the milestones have moved too
        Assert.Equal("2027-02-03", (await MilestoneAsync(sam, projectId, "m1")).GetProperty("baseline").GetString());

        // £100 more is beyond the £50 left (the change budget stays 5 % of the £9,000 first approved): the board decides.
        using var second = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr2", Change("Cost", 100m));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var waiting = await ChangeAsync(projectId, "cr2", "AwaitingDecision");
        Assert.False(waiting.GetProperty("assessment").GetProperty("withinDelegation").GetBoolean());
        Assert.Equal(50m, waiting.GetProperty("assessment").GetProperty("changeBudgetLeft").GetDecimal());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ChangeRequested"));
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ChangeDecided"));
    }

    [Fact]
    public async Task A_change_beyond_the_delegation_is_decided_by_the_board_through_the_gate_and_rebaselines()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        // 10 working days later is beyond the 5 delegated, though it costs nothing.
        using var sent = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr-late", Change("Time", 0m, ("m1", "2027-02-12")));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var waiting = await ChangeAsync(projectId, "cr-late", "AwaitingDecision");
        Assert.Equal(10, waiting.GetProperty("assessment").GetProperty("slipWorkingDays").GetInt32());
        Assert.Equal("2027-01-29", (await MilestoneAsync(sam, projectId, "m1")).GetProperty("baseline").GetString());

        var html = await DecideAsync(projectId, "cr-late", "approve", count: 2);
        Assert.Contains("Change request", html, StringComparison.Ordinal);
        Assert.Contains("more than the 5 delegated", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"projectManagerId\"", html, StringComparison.Ordinal); // the project manager stays
        var decided = await ChangeAsync(projectId, "cr-late", "Approved");

        // The decision is stored first and then carried out, the email last: once it has come, the re-baseline is done
        // (read before it, the milestone was once seen still at its old date).
        Assert.Single(await EmailsToSamAsync(projectId, "Change approved"));
        Assert.Equal("line-lee", decided.GetProperty("decision").GetProperty("decidedBy").GetString());
        Assert.False(decided.GetProperty("decision").GetProperty("automatic").GetBoolean());
        Assert.Equal("2027-02-12", (await MilestoneAsync(sam, projectId, "m1")).GetProperty("baseline").GetString());
        var project = await app.ProjectAsync(projectId);
        Assert.Equal("Sam Okafor", project.GetProperty("projectManager").GetProperty("name").GetString());
        Assert.Equal(1, project.GetProperty("earlierBaselines").GetArrayLength());
    }

    [Fact]
    public async Task More_information_brings_a_second_version_and_a_rejection_leaves_the_baseline()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        Assert.Equal(HttpStatusCode.Accepted, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr-big", Change("Scope", 2_000m))).StatusCode);
        await ChangeAsync(projectId, "cr-big", "AwaitingDecision");
        using var early = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr-big", Change("Scope", 1_500m));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await DecideAsync(projectId, "cr-big", "request-changes", count: 2);
        await ChangeAsync(projectId, "cr-big", "MoreInformationRequested");
        Assert.Single(await EmailsToSamAsync(projectId, "More information needed"));
        using var again = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr-big", Change("Scope", 1_500m));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        await DecideAsync(projectId, "cr-big", "reject", count: 3);
        var rejected = await ChangeAsync(projectId, "cr-big", "Rejected");
        Assert.Equal(2, rejected.GetProperty("version").GetInt32());
        Assert.Equal(1_500m, rejected.GetProperty("costImpact").GetDecimal());
        Assert.Single(await EmailsToSamAsync(projectId, "Change rejected"));
        var project = await app.ProjectAsync(projectId);
        Assert.Equal(9_000m, project.GetProperty("baseline").GetProperty("approvedBudget").GetDecimal());
        Assert.Equal(0, project.GetProperty("earlierBaselines").GetArrayLength());
    }

    [Fact]
    public async Task Bad_changes_are_named_field_by_field_and_only_the_project_manager_sends_one()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var bad = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr1", new
        {
            kind = "Sideways",
            title = " ",
            costImpact = -9_000m,
            milestones = new[] { new { milestoneId = "m9", baseline = "2000-01-01" } },
        });
        using var noMove = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr2", Change("Time", 0m));
        using var noCost = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr3", Change("Cost", 0m));
        using var badId = await sam.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr%20one", Change("Scope", 10m));
        using var requester = await rita.PutAsJsonAsync($"/api/projects/{projectId}/changes/cr4", Change("Scope", 10m));

        Assert.Equal(
            ["costImpact", "impact", "justification", "kind", "milestones[0].baseline", "milestones[0].milestoneId", "title"],
            await ProblemFields.OfAsync(bad));
        Assert.Equal(["milestones"], await ProblemFields.OfAsync(noMove));
        Assert.Equal(["costImpact"], await ProblemFields.OfAsync(noCost));
        Assert.Equal(["changeId"], await ProblemFields.OfAsync(badId));
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        Assert.Equal(0, (await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/changes")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await rita.GetAsync($"/api/projects/{projectId}/changes/cr1")).StatusCode);
    }

    private static object Change(string kind, decimal cost, params (string Id, string Baseline)[] moved) => new
    {
        kind,
        title = $"{kind} change",
        justification = "The service desk asked for docking stations",
        impact = "Users work at two screens",
        costImpact = cost,
        milestones = moved.Select(m => new { milestoneId = m.Id, baseline = m.Baseline }).ToArray(),
    };

    /// <summary>Lee's decision on the change's gate step, from the link in his latest approval email; returns the page he saw.</summary>
    private async Task<string> DecideAsync(string projectId, string changeId, string decision, int count)
    {
        var link = await app.LinkAsync("line-lee", projectId, count);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        Assert.Contains($"change-{changeId}", stepId, StringComparison.Ordinal);
        using var lee = app.As("line-lee");
        var (_, html, _) = await ApprovalApp.OpenAsync(lee, link);
        using var response = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision, comment = "Decided" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(html);
    }

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

    /// <summary>The project once its baseline has the given budget (the decision is stored before it is carried out).</summary>
    private async Task<JsonElement> ProjectWithBudgetAsync(string projectId, decimal budget)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var project = await app.ProjectAsync(projectId);
            if (project.GetProperty("baseline").GetProperty("approvedBudget").GetDecimal() == budget)
            {
                return project;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The baseline of {projectId} did not become {budget}: {project}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> MilestoneAsync(HttpClient client, string projectId, string milestoneId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/milestones")).EnumerateArray().Single(m => m.GetProperty("milestoneId").GetString() == milestoneId);

    private async Task<List<ReceivedEmail>> EmailsToSamAsync(string projectId, string subject)
    {
        bool Matches(ReceivedEmail e) => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true;
        return (await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), Matches)).Where(Matches).ToList();
    }
}
