using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Milestones through the API: the approved plan is there from approval, forecasts and actuals are recorded once
/// per version and audited, the baseline cannot be moved here, and bad dates are named with nothing stored.
/// </summary>
public sealed class MilestoneHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task The_approved_plan_is_tracked_forecast_against_baseline_and_the_baseline_stays()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        var plan = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/milestones");
        Assert.Equal(["m1", "m2"], plan.EnumerateArray().Select(m => m.GetProperty("milestoneId").GetString()!).ToArray());
        Assert.Equal("Devices ordered", plan[0].GetProperty("name").GetString());
        Assert.Equal(0, plan[0].GetProperty("version").GetInt32());

        var later = new { forecast = "2027-02-12" };
        using var slipped = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m1", later);
        using var retry = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m1", later);
        using var moved = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m1", new { baseline = "2027-02-12", forecast = "2027-02-12" });
        using var added = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/training", new { name = "Staff trained", baseline = "2027-03-31", forecast = "2027-03-31", key = true });

        Assert.Equal(HttpStatusCode.OK, slipped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var m1 = await slipped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-01-29", m1.GetProperty("baseline").GetString());
        Assert.Equal(14, m1.GetProperty("slipDays").GetInt32());
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        plan = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/milestones");
        Assert.Equal(["m1", "training", "m2"], plan.EnumerateArray().Select(m => m.GetProperty("milestoneId").GetString()!).ToArray());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "MilestoneRecorded"));
    }

    [Fact]
    public async Task Bad_dates_are_named_and_nothing_is_stored_and_only_the_project_manager_records()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var early = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/go-live", new { name = "Go live", baseline = "2027-06-30", forecast = "2020-01-01" });
        using var future = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m2", new { forecast = "2027-04-30", actual = tomorrow });
        using var blank = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/new-one", new { });
        using var requester = await rita.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m2", new { forecast = "2027-05-30" });

        Assert.Equal(["forecast"], await ProblemFields.OfAsync(early));
        Assert.Equal(["actual"], await ProblemFields.OfAsync(future));
        Assert.Equal(["baseline", "forecast", "name"], await ProblemFields.OfAsync(blank));
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        var plan = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/milestones");
        Assert.All(plan.EnumerateArray(), m => Assert.Equal(0, m.GetProperty("version").GetInt32()));
        Assert.Equal(2, plan.GetArrayLength());
    }
}
