using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Monitoring;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The daily reminders in the running app: a person's overdue risk actions and risks not reviewed, across projects,
/// and overdue highlight reports arrive as one email a day (five items, one email), never again the same day, and again the next working day.
/// </summary>
public sealed class RemindersHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Each_person_gets_one_email_a_day_grouping_all_their_items()
    {
        var first = await app.ApprovedProjectAsync();
        var second = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        await RiskAsync(sam, first, owner: "pm-sam", ("a1", "pm-sam", 10));
        await RiskAsync(sam, second, owner: "fin-farah", ("a1", "pm-sam", 12), ("a2", "fin-farah", 60));
        var firstDay = ControlTimers.WorkingDayFrom(app, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40));
        var (day, nextDay) = (ControlTimers.UkTimeOn(firstDay, 8), ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, 1, firstDay), 8));

        var report = await RunAtAsync(day);
        var again = await RunAtAsync(day);
        var samsEmails = await EmailsAsync("pm-sam", 1);
        var farahsEmails = await EmailsAsync("fin-farah", 1);

        // Sam manages both projects, neither has sent a highlight report in 40 days: one overdue item each.
        Assert.Equal((2, 6, 0), (report!.PeopleEmailed, report.Items, report.AlreadySentToday));
        Assert.Equal((0, 2), (again!.PeopleEmailed, again.AlreadySentToday));
        var text = Assert.Single(samsEmails).Text!;
        Assert.Contains("5 things need your attention", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "Highlight report overdue since"));
        Assert.Contains(first, text, StringComparison.Ordinal);
        Assert.Contains(second, text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "Action due"));
        Assert.Equal(1, CountOf(text, "Risk not reviewed since"));
        var farahs = Assert.Single(farahsEmails).Text!;
        Assert.Contains("One thing needs your attention", farahs, StringComparison.Ordinal);
        Assert.DoesNotContain("Action due", farahs, StringComparison.Ordinal);

        var tomorrow = await RunAtAsync(nextDay);
        Assert.Equal(2, tomorrow!.PeopleEmailed);
        Assert.Equal(2, (await EmailsAsync("pm-sam", 2)).Count);
        Assert.Null(await RunAtAsync(day.AddHours(-1)));
    }

    private static async Task RiskAsync(HttpClient client, string projectId, string owner, params (string Id, string Actionee, int DueInDays)[] actions)
    {
        var risk = new
        {
            kind = "risk", title = "Supplier capacity", ownerId = owner, cause = "One supplier", @event = "Late deliveries", effect = "Go-live slips",
            probability = 3, impact = 3, proximity = "withinStage", response = "reduce",
            actions = actions.Select(a => new { actionId = a.Id, description = $"Action {a.Id}", actioneeId = a.Actionee, due = DateTime.UtcNow.AddDays(a.DueInDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }).ToArray(),
        };
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", risk)).StatusCode);
    }

    private Task<ReminderReport?> RunAtAsync(DateTimeOffset now) => ControlTimers.RunRemindersAsync(app, now);

    private async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync(string personId, int count)
    {
        var emails = (await app.Inbox.WaitForAsync(app.EmailOf(personId), count)).Where(e => e.Subject.StartsWith("Your reminders for", StringComparison.Ordinal)).ToList();
        Assert.True(emails.Count >= count, $"Expected {count} reminder emails to {personId}, found {emails.Count}.");
        return emails;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
