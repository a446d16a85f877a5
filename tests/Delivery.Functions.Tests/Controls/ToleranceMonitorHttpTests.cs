using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Monitoring;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The tolerance monitor in the running app: a forecast beyond the cost tolerance asks the project manager for an
/// exception report once, not again the next day, again when the breach worsens by a band; a breach delivered twice
/// is recorded and emailed once; and outside 07:00 on a UK working day it does nothing.
/// </summary>
public sealed class ToleranceMonitorHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private DurableTaskClient Client => app.App.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task A_forecast_breach_asks_for_an_exception_report_once_and_again_when_it_worsens()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f1", atCompletion = 10_500m, asAt = today, reason = "Licences rose" })).StatusCode);
        var (day1, day2, day3) = (SevenInLondon(1), SevenInLondon(2), SevenInLondon(3));

        var first = await RunAtAsync(day1);
        var exception = await EmailsAsync(projectId, "Cost tolerance exceeded", 1);
        var second = await RunAtAsync(day2);

        Assert.Equal(1, first!.Breaches);
        Assert.Empty(first.Failed);
        Assert.Equal(0, second!.Breaches);
        Assert.Contains("Forecast at completion £10,500, 16.7% over the approved £9,000 (tolerance ±10%)", exception[0].Text, StringComparison.Ordinal);
        Assert.Contains("exception report from Sam Okafor", (await app.ProjectAsync(projectId)).GetProperty("waitingFor").GetString(), StringComparison.OrdinalIgnoreCase);

        // The same breach delivered again (as after a lost write) changes nothing; a later event proves it was handled.
        var sink = new OrchestrationBreachSink(Client);
        await sink.RaiseAsync(new ToleranceBreach(projectId, ToleranceKind.Cost, 1, 1, false, "again", DateOnly.FromDateTime(day1.UtcDateTime)), CancellationToken.None);
        await sink.RaiseAsync(new ToleranceBreach(projectId, ToleranceKind.RiskActions, 1, 1, false, "1 risk action past due", DateOnly.FromDateTime(day1.UtcDateTime)), CancellationToken.None);
        await EmailsAsync(projectId, "Risk actions tolerance exceeded", 1);
        Assert.Single(await EmailsAsync(projectId, "Cost tolerance exceeded", 1));

        // Worse by more than a band: asked again.
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f2", atCompletion = 12_500m, asAt = today, reason = "Second supplier dearer" })).StatusCode);
        var third = await RunAtAsync(day3);
        var emails = await EmailsAsync(projectId, "Cost tolerance exceeded", 2);

        Assert.Equal(1, third!.Breaches);
        Assert.Equal(2, emails.Count);
        Assert.Contains(emails, e => e.Text!.Contains("the breach has worsened", StringComparison.OrdinalIgnoreCase));
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(
            ["Cost-1-b1", "Cost-1-b3", "RiskActions-1-b1"],
            audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "ToleranceBreached").Select(e => e.GetProperty("subject").GetString()!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Outside_seven_in_the_morning_of_a_UK_working_day_the_monitor_does_nothing()
    {
        var saturday = NextDay(DayOfWeek.Saturday);
        var atSevenSaturday = ControlTimers.UkTimeOn(saturday, 7);
        var eightOnAWorkingDay = SevenInLondon(1).AddHours(1);

        Assert.Null(await RunAtAsync(atSevenSaturday));
        Assert.Null(await RunAtAsync(eightOnAWorkingDay));
    }

    private Task<SweepReport?> RunAtAsync(DateTimeOffset now) => ControlTimers.RunMonitorAsync(app, now);

    /// <summary>Waits for at least <paramref name="count"/> emails to Sam about the project whose subject starts so.</summary>
    private async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync(string projectId, string subject, int count)
    {
        bool Match(ReceivedEmail e) => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var emails = (await app.Inbox.ToAsync(app.EmailOf("pm-sam"))).Where(Match).ToList();
            if (emails.Count >= count)
            {
                return emails;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} '{subject}' emails for {projectId}, found {emails.Count}.");
            await Task.Delay(100);
        }
    }

    private DateTimeOffset SevenInLondon(int n) => ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, n), 7);

    private static DateOnly NextDay(DayOfWeek weekday)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (day.DayOfWeek != weekday)
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
