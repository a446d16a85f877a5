using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Monitoring;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Exceptions end to end: a breach asks for a report; the report goes to the level that set the tolerance (Lee,
/// whose approval set the baseline) through the approval gate; an approved exception plan re-baselines the project
/// with the old baseline kept and the next sweep finds it within tolerance; more information sends it back to the
/// project manager; a rejection closes the project early. Bad reports are named field by field, and only the project
/// manager may send one.
/// </summary>
public sealed class ExceptionHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_approved_exception_plan_rebaselines_the_project_and_the_breach_is_resolved()
    {
        var projectId = await BreachedProjectAsync(10_500m, SevenInLondon(1));
        using var sam = app.As("pm-sam");
        var report = Report(new { approvedBudget = 10_800m, milestones = new[] { new { milestoneId = "m1", baseline = "2027-02-12" } } });

        using var sent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", report);
        using var retry = await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", report);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await DecideAsync(projectId, "approve");
        var decided = await ExceptionAsync(projectId, "PlanApproved");
        Assert.Single(await EmailsToSamAsync(projectId, "Exception plan approved")); // sent once the plan is applied

        var project = await app.ProjectAsync(projectId);
        Assert.Equal("line-lee", decided.GetProperty("decision").GetProperty("decidedBy").GetString());
        Assert.Equal(10_800m, project.GetProperty("baseline").GetProperty("approvedBudget").GetDecimal());
        Assert.Equal(9_000m, project.GetProperty("earlierBaselines")[0].GetProperty("approvedBudget").GetDecimal());
        var m1 = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/milestones")).EnumerateArray().Single(m => m.GetProperty("milestoneId").GetString() == "m1");
        Assert.Equal("2027-02-12", m1.GetProperty("baseline").GetString());

        Assert.Contains("Plan approved", await sam.GetStringAsync($"/api/projects/{projectId}/delivery"), StringComparison.Ordinal);
        var next = await RunMonitorAsync(SevenInLondon(2));
        Assert.Equal(0, next!.Breaches);
        var figures = await app.App.Services.GetRequiredService<ControlsView>().GetAsync(projectId, CancellationToken.None);
        Assert.False(figures!.OpenEpisodes.ContainsKey("Cost"));
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ExceptionReported"));
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ExceptionDecided"));
    }

    [Fact]
    public async Task More_information_sends_it_back_and_a_rejection_closes_the_project_early()
    {
        var projectId = await BreachedProjectAsync(12_000m, SevenInLondon(1));
        using var sam = app.As("pm-sam");

        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", Report(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", Report(null, cause: "Something else"))).StatusCode);
        await DecideAsync(projectId, "request-changes", count: 2);
        await ExceptionAsync(projectId, "MoreInformationRequested");
        await app.WaitingForAsync(projectId, "More information for exception report Cost-1"); // set just after the exception's status

        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", Report(null, cause: "Supplier prices rose 30 %"))).StatusCode);
        await DecideAsync(projectId, "reject", count: 3);
        var closed = await ExceptionAsync(projectId, "ClosedEarly");

        Assert.Equal(2, closed.GetProperty("reportVersion").GetInt32());
        Assert.Single(await EmailsToSamAsync(projectId, "The project is to close early"));
        await app.StageAsync(projectId, "Closure");
    }

    [Fact]
    public async Task A_breach_that_worsens_beyond_its_approved_plan_asks_for_a_new_report()
    {
        var projectId = await BreachedProjectAsync(10_500m, SevenInLondon(1));
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", Report(new { approvedBudget = 9_500m }))).StatusCode);
        await DecideAsync(projectId, "approve");
        await ExceptionAsync(projectId, "PlanApproved");
        Assert.Single(await EmailsToSamAsync(projectId, "Exception plan approved"));

        // Still 10.5 % over the new £9,500 (band 1, the episode stands); then 26 % over: worse by a band.
        Assert.Equal(0, (await RunMonitorAsync(SevenInLondon(2)))!.Breaches);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f2", atCompletion = 12_000m, asAt = Today, reason = "More licences" })).StatusCode);
        Assert.True((await RunMonitorAsync(SevenInLondon(3)))!.Breaches >= 1);

        var reopened = await ExceptionAsync(projectId, "AwaitingReport");
        Assert.Equal(2, reopened.GetProperty("band").GetInt32());
        Assert.Equal(1, reopened.GetProperty("reportVersion").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", Report(null, cause: "The plan did not hold"))).StatusCode);
    }

    [Fact]
    public async Task Bad_reports_are_named_field_by_field_and_only_the_project_manager_sends_one()
    {
        var projectId = await BreachedProjectAsync(10_500m, SevenInLondon(1));
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var bad = await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", new
        {
            cause = " ",
            options = new[] { new { title = "Cut scope", effect = "" } },
            plan = new { approvedBudget = -5m, milestones = new[] { new { milestoneId = "m9", baseline = "2000-01-01" } } },
        });
        using var unknown = await sam.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Time-7/report", Report(null));
        using var requester = await rita.PostAsJsonAsync($"/api/projects/{projectId}/exceptions/Cost-1/report", Report(null));

        Assert.Equal(
            ["cause", "consequences", "options[0].effect", "plan.approvedBudget", "plan.milestones[0].baseline", "plan.milestones[0].milestoneId", "recommendation"],
            await ProblemFields.OfAsync(bad));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        var exceptions = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/exceptions");
        Assert.Equal("AwaitingReport", exceptions[0].GetProperty("status").GetString());
        Assert.Equal(0, exceptions[0].GetProperty("reportVersion").GetInt32());
    }

    private Task<string> BreachedProjectAsync(decimal forecast, DateTimeOffset sweepAt) => BreachedProjects.CreateAsync(app, forecast, sweepAt);

    private static object Report(object? plan, string cause = "Licence prices rose by a third") => new
    {
        cause,
        consequences = "The forecast is above the cost tolerance",
        options = new[] { new { title = "Accept the new price", effect = "Business case still positive; budget up by £1,800" }, new { title = "Fewer laptops", effect = "Benefit b1 falls short" } },
        recommendation = "Accept the new price",
        lessons = "Fix prices in the order",
        plan,
    };

    /// <summary>Lee's decision on the latest exception gate step, from the link in his latest approval email.</summary>
    private async Task DecideAsync(string projectId, string decision, int count = 2)
    {
        var link = await app.LinkAsync("line-lee", projectId, count);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        Assert.Contains("exception-cost-1", stepId, StringComparison.Ordinal);
        using var lee = app.As("line-lee");
        var (_, html, _) = await ApprovalApp.OpenAsync(lee, link);
        Assert.Contains("Exception report", html, StringComparison.Ordinal);
        Assert.Contains("Accept the new price", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        using var response = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision, comment = "Decided" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<JsonElement> ExceptionAsync(string projectId, string status) => BreachedProjects.ExceptionAsync(app, projectId, status);

    private async Task<List<ReceivedEmail>> EmailsToSamAsync(string projectId, string subject)
    {
        var emails = await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), e => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true);
        return emails.Where(e => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true).ToList();
    }

    private Task<SweepReport?> RunMonitorAsync(DateTimeOffset now) => ControlTimers.RunMonitorAsync(app, now);

    private DateTimeOffset SevenInLondon(int n) => BreachedProjects.SevenInLondon(app, n);
}
