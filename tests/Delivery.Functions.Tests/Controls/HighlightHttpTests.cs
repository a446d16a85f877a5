using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Highlights;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Highlight reports on an approved £9,000 project: the cadence and stakeholders the project manager records, a report
/// whose status is filled in from the records (cost amber within tolerance, risk red beyond it) kept as a dated
/// snapshot and emailed once to the sponsor and each stakeholder, and bad input named field by field.
/// </summary>
public sealed class HighlightHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_report_is_filled_in_from_the_records_kept_and_emailed_once_to_the_sponsor_and_stakeholders()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = await HighlightsAsync(projectId);
        Assert.Equal(14, before.GetProperty("everyDays").GetInt32());
        Assert.Equal(["Green", "Amber", "Red"], before.GetProperty("confidenceScale").EnumerateArray().Select(l => l.GetString()!).ToArray());

        using var plan = await sam.PutAsJsonAsync($"/api/projects/{projectId}/highlight-plan", new { everyDays = 7, stakeholderIds = new[] { "board-ben" } });
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(today.AddDays(7), DateOnly.Parse((await HighlightsAsync(projectId)).GetProperty("nextDue").GetString()!, CultureInfo.InvariantCulture));
        // £9,720 is 8 % over the £9,000 approved: within the 10 % tolerance but beyond its amber three quarters.
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f1", atCompletion = 9_720m, asAt = Iso(today), reason = "Licences rose" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", Risk(probability: 4, impact: 4))).StatusCode);

        using var sent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/highlights", Report("amber"));
        using var retry = await sam.PostAsJsonAsync($"/api/projects/{projectId}/highlights", Report("Amber"));
        using var other = await sam.PostAsJsonAsync($"/api/projects/{projectId}/highlights", Report("Green"));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var report = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Amber", report.GetProperty("deliveryConfidence").GetString());
        var statuses = report.GetProperty("facts").GetProperty("statuses").EnumerateArray()
            .ToDictionary(s => s.GetProperty("dimension").GetString()!, s => s.GetProperty("status").GetString()!);
        Assert.Equal(
            new Dictionary<string, string> { ["Schedule"] = "Green", ["Cost"] = "Amber", ["Scope"] = "Green", ["Risk"] = "Red", ["Benefits"] = "Green" },
            statuses);
        Assert.Equal("R1", report.GetProperty("facts").GetProperty("topRisks")[0].GetProperty("itemId").GetString());
        Assert.Equal(16, report.GetProperty("facts").GetProperty("topRisks")[0].GetProperty("score").GetInt32());

        // Every email is out once the sending orchestration has finished: then exactly one each, none to the manager.
        var client = app.App.Services.GetRequiredService<DurableTaskClient>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sending = await client.WaitForInstanceCompletionAsync(new HighlightSent(projectId, UkToday()).InstanceId, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, sending.RuntimeStatus);
        Assert.Single(await HighlightEmailsAsync(ProjectRequestBuilder.SponsorAddress, projectId));
        Assert.Single(await HighlightEmailsAsync(app.EmailOf("board-ben"), projectId));
        Assert.DoesNotContain(await app.Inbox.ToAsync(app.EmailOf("pm-sam")), e => e.Subject.StartsWith("Highlight report", StringComparison.Ordinal));

        var after = await HighlightsAsync(projectId);
        Assert.Single(after.GetProperty("reports").EnumerateArray());
        Assert.Equal(UkToday().AddDays(7), DateOnly.Parse(after.GetProperty("nextDue").GetString()!, CultureInfo.InvariantCulture));
        Assert.False(after.GetProperty("overdue").GetBoolean());
        var tasks = WebUtility.HtmlDecode(await sam.GetStringAsync("/api/tasks"));
        Assert.Contains($"/api/projects/{projectId}/highlight-reports/new", tasks, StringComparison.Ordinal);
        Assert.Contains($"Due {Delivery.Workflows.Notifications.Templates.UkFormat.Date(UkToday().AddDays(7))}", tasks, StringComparison.Ordinal);
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "HighlightReported"));
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "HighlightPlanSet"));
    }

    [Fact]
    public async Task Bad_reports_and_plans_are_named_field_by_field_store_nothing_and_only_the_project_manager_sends_them()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var badReport = await sam.PostAsJsonAsync($"/api/projects/{projectId}/highlights", new { summary = " ", thisPeriod = "Done", nextPeriod = "", deliveryConfidence = "Purple" });
        using var badPlan = await sam.PutAsJsonAsync($"/api/projects/{projectId}/highlight-plan", new { everyDays = 0, stakeholderIds = new[] { "board-ben", "nobody" } });
        using var requesterReport = await rita.PostAsJsonAsync($"/api/projects/{projectId}/highlights", Report("Green"));
        using var requesterPlan = await rita.PutAsJsonAsync($"/api/projects/{projectId}/highlight-plan", new { everyDays = 7 });

        Assert.Equal(["deliveryConfidence", "nextPeriod", "summary"], await ProblemFields.OfAsync(badReport));
        Assert.Equal(["everyDays", "stakeholderIds[1]"], await ProblemFields.OfAsync(badPlan));
        Assert.Equal(HttpStatusCode.Forbidden, requesterReport.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, requesterPlan.StatusCode);
        var highlights = await HighlightsAsync(projectId);
        Assert.Equal(0, highlights.GetProperty("reports").GetArrayLength());
        Assert.Equal(14, highlights.GetProperty("everyDays").GetInt32());
        Assert.Empty(highlights.GetProperty("stakeholderIds").EnumerateArray());
    }

    [Fact]
    public async Task An_overdue_highlight_report_is_one_item_in_the_managers_daily_reminder_until_the_cadence_moves_it()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        await NextDueAsync(projectId);
        var day = ControlTimers.WorkingDayFrom(app, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20));
        var nextDay = ControlTimers.WorkingDayAfter(app, 1, day);

        var first = await ControlTimers.RunRemindersAsync(app, ControlTimers.UkTimeOn(day, 8));
        var again = await ControlTimers.RunRemindersAsync(app, ControlTimers.UkTimeOn(day, 8));
        var emails = await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), e => e.Text?.Contains(projectId, StringComparison.Ordinal) == true);
        Assert.Equal((1, 0), (first!.PeopleEmailed, first.AlreadySentToday));
        Assert.Equal((0, 1), (again!.PeopleEmailed, again.AlreadySentToday));
        var text = Assert.Single(emails, e => e.Text?.Contains(projectId, StringComparison.Ordinal) == true).Text!;
        Assert.Contains("Highlight report overdue since", text, StringComparison.Ordinal);

        // Monthly reports: this project's is not due on the next working day any more. Other projects of this app
        // may still remind Sam that day, but their email is sent by the time the run returns and leaves this one out.
        Assert.Equal(HttpStatusCode.OK, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/highlight-plan", new { everyDays = 30 })).StatusCode);
        var later = await ControlTimers.RunRemindersAsync(app, ControlTimers.UkTimeOn(nextDay, 8));
        var nextDays = (await app.Inbox.ToAsync(app.EmailOf("pm-sam"))).Where(e => e.Subject.EndsWith(Delivery.Workflows.Notifications.Templates.UkFormat.Date(nextDay), StringComparison.Ordinal)).ToList();
        Assert.Equal(later!.PeopleEmailed, nextDays.Count);
        Assert.DoesNotContain(nextDays, e => e.Text?.Contains(projectId, StringComparison.Ordinal) == true);
    }

    private static object Report(string confidence) => new
    {
        summary = "Devices ordered; pilot school chosen",
        thisPeriod = "Supplier contract signed",
        nextPeriod = "Pilot roll-out",
        lessons = "Order early",
        deliveryConfidence = confidence,
    };

    private static object Risk(int probability, int impact) => new
    {
        kind = "risk", title = "Supplier capacity", ownerId = "pm-sam", cause = "One supplier", @event = "Late deliveries", effect = "Go-live slips",
        probability, impact, proximity = "withinStage", response = "reduce",
    };

    private async Task<JsonElement> HighlightsAsync(string projectId)
    {
        using var admin = app.As("admin-ada");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/highlights");
    }

    /// <summary>The next due date, once approval has written the project's control figures (just after it moves the stage).</summary>
    private async Task<DateOnly> NextDueAsync(string projectId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if ((await HighlightsAsync(projectId)).GetProperty("nextDue") is { ValueKind: JsonValueKind.String } due)
            {
                return DateOnly.Parse(due.GetString()!, CultureInfo.InvariantCulture);
            }

            Assert.True(DateTime.UtcNow < deadline, $"Project {projectId} has no control figures after approval.");
            await Task.Delay(100);
        }
    }

    private async Task<List<ReceivedEmail>> HighlightEmailsAsync(string address, string projectId)
    {
        bool Matches(ReceivedEmail e) => e.Subject.StartsWith("Highlight report", StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true;
        return (await app.Inbox.WaitForAsync(address, Matches)).Where(Matches).ToList();
    }

    private static DateOnly UkToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Delivery.Functions.ToleranceMonitor.UkTime.Zone));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
