using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The RAID log through the API on an approved project: each version stored and audited once however often it is
/// sent, kept by the project manager and reviewed by an item's owner, every bad field named with nothing stored.
/// </summary>
public sealed class RaidHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string NextMonth = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_risk_is_stored_once_per_version_audited_once_and_reviewed_by_its_owner()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var farah = app.As("fin-farah");
        var risk = Risk(probability: 3, impact: 4);

        using var first = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", risk);
        using var retry = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", risk);
        using var review = await farah.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", Risk(probability: 4, impact: 4, lastReviewed: Today));
        using var asIssue = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", new { kind = "issue", title = "Late", ownerId = "pm-sam", issueType = "problemConcern", priority = "high", severity = "medium" });
        using var issue = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/I1", new { kind = "issue", title = "Two branches lack network points", ownerId = "pm-sam", issueType = "offSpecification", priority = "high", severity = "medium" });
        using var dependency = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/D1", new { kind = "dependency", title = "Network upgrade by IT", ownerId = "line-lee", neededBy = NextMonth });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, asIssue.StatusCode);
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        Assert.Equal(HttpStatusCode.Created, dependency.StatusCode);
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var log = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid");
        Assert.Equal(["R1", "I1", "D1"], log.EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).ToArray());
        var r1 = log[0];
        Assert.Equal(2, r1.GetProperty("version").GetInt32());
        Assert.Equal(16, r1.GetProperty("score").GetInt32());
        Assert.Equal("Farah Ahmed", r1.GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal(Today, r1.GetProperty("lastReviewed").GetString());
        Assert.Equal("pm-sam", r1.GetProperty("actions")[0].GetProperty("actionee").GetProperty("id").GetString());
        Assert.Equal("OffSpecification", log[1].GetProperty("issueType").GetString());

        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var raid = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "RaidItemRecorded").ToList();
        Assert.Equal(4, raid.Count);
        Assert.Equal(2, raid.Count(e => e.GetProperty("subject").GetString() == "R1"));
        Assert.Contains(raid, e => e.GetProperty("actor").GetString() == "fin-farah" && e.GetProperty("summary").GetString()!.Contains("score 16", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_items_are_refused_naming_every_field_and_store_nothing()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        using var risk = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R9", new
        {
            kind = "risk",
            title = "Supplier late",
            ownerId = "nobody-here",
            cause = "One supplier",
            effect = "Delay",
            probability = 6,
            impact = 0,
            proximity = "soon",
            response = "ignore",
            actions = new[] { new { actionId = "a1", description = "Chase", actioneeId = "ghost", due = "2000-01-01" } },
        });
        using var issue = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/I9", new { kind = "issue", title = "Broken", ownerId = "pm-sam", probability = 3, issueType = "complaint" });
        using var kindless = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/bad%20id", new { title = "" });

        Assert.Equal(HttpStatusCode.BadRequest, risk.StatusCode);
        Assert.Equal(["actions[0].actioneeId", "actions[0].due", "event", "impact", "ownerId", "probability", "proximity", "response"], await ProblemFields.OfAsync(risk));
        Assert.Equal(["issueType", "priority", "probability", "severity"], await ProblemFields.OfAsync(issue));
        Assert.Equal(["itemId", "kind", "ownerId", "title"], await ProblemFields.OfAsync(kindless));
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid")).GetArrayLength());
    }

    [Fact]
    public async Task Only_the_project_manager_keeps_the_log_and_only_once_there_is_one()
    {
        var projectId = await app.ApprovedProjectAsync();
        var (waiting, _) = await app.NewProjectAsync(9_000m);
        using var rita = app.As("rita");
        using var farah = app.As("fin-farah");
        using var ravi = app.As("ravi");
        using var sam = app.As("pm-sam");

        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", Risk(2, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await farah.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", Risk(2, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync($"/api/projects/{projectId}/raid")).StatusCode);
        // Before approval nobody is the project's manager yet, so nobody may keep its log.
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.PutAsJsonAsync($"/api/projects/{waiting}/raid/R1", Risk(2, 2))).StatusCode);
        Assert.Equal(0, (await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid")).GetArrayLength());
    }

    /// <summary>A risk Farah owns, with one action for Sam.</summary>
    private static object Risk(int probability, int impact, string? lastReviewed = null) => new
    {
        kind = "risk",
        title = "Laptop supplier cannot meet dates",
        ownerId = "fin-farah",
        cause = "Only one framework supplier stocks the model",
        @event = "Deliveries slip",
        effect = "Branches go live late",
        probability,
        impact,
        proximity = "withinStage",
        response = "reduce",
        actions = new[] { new { actionId = "a1", description = "Agree a second supplier", actioneeId = "pm-sam", due = NextMonth } },
        lastReviewed,
    };
}
