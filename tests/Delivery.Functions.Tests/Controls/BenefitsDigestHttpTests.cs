using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Workflows.Digest;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Views;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The weekly digest's benefits reviews in the running app: a closed project with two benefits (laptop faults per
/// month owned by Farah, library visits per week owned by Ben) opens review 1 two seconds after closure. The digest
/// lists both as due; once they have been reminded and escalated it lists both as overdue and escalated; once Farah
/// records hers, only Ben's is left. Review 2 is a month away, so nothing else opens meanwhile.
/// </summary>
public sealed class BenefitsDigestHttpTests(BenefitsDigestHttpTests.BenefitsDigestApp app) : IClassFixture<BenefitsDigestHttpTests.BenefitsDigestApp>
{
    /// <summary>
    /// The benefits app with a delivery lead; review 1 two seconds after closure and review 2 thirty days after, the
    /// reminder 20 seconds after a review opens (time to read the digest before it) and the escalation 2 seconds later.
    /// </summary>
    public sealed class BenefitsDigestApp : BenefitReviewHttpTests.BenefitsApp
    {
        protected override void Customise(Dictionary<string, string?> settings)
        {
            base.Customise(settings);
            DigestApp.AddLead(settings, EmailOf("lead-lou"));
            settings["Benefits:ReviewOffsets"] = "00:00:02,30.00:00:00";
            settings["Benefits:ReminderAfter"] = "00:00:20";
            settings["Benefits:EscalateAfter"] = "00:00:02";
        }
    }

    [Fact]
    public async Task The_digest_lists_open_reviews_with_how_far_they_were_chased_and_drops_a_recorded_one()
    {
        var projectId = await app.ClosedProjectAsync();
        var monday = DigestHttpTests.MondayFrom(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7));

        // Review 1 has opened for both benefits and the reminder is not due yet.
        await UntilViewAsync(projectId, r => r.Count == 2 && r.All(f => !f.Reminded && !f.Escalated), "review 1 opened for both benefits");
        var opened = await DigestAtAsync(monday);

        // The project's own report (read from its partition, not the view) says what the digest should.
        using var sam = app.As("pm-sam");
        var report = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/benefits/report");
        var title = report.GetProperty("title").GetString()!;
        var due = DateOnly.FromDateTime(report.GetProperty("benefits")[0].GetProperty("reviews")[0].GetProperty("dueAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(due, DateOnly.FromDateTime(report.GetProperty("benefits")[1].GetProperty("reviews")[0].GetProperty("dueAt").GetDateTimeOffset().UtcDateTime));
        var faults = $"{title} ({projectId}): Laptop faults per month, review 1, due {UkFormat.Date(due)}";
        var visits = $"{title} ({projectId}): Library visits per week, review 1, due {UkFormat.Date(due)}";
        Assert.Equal(
        [
            new DueBenefitReview(projectId, title, "b1", "Laptop faults per month", 1, due, Reminded: false, Escalated: false),
            new DueBenefitReview(projectId, title, "b2", "Library visits per week", 1, due, Reminded: false, Escalated: false),
        ], opened.Figures.BenefitReviewsDue);
        Assert.Equal(["Benefits reviews due: 2 (0 overdue, 0 escalated to the sponsor).", faults, visits], BenefitsSection(opened.Text));

        // Neither is recorded: each owner is reminded, then the sponsor is told.
        await UntilViewAsync(projectId, r => r.Count == 2 && r.All(f => f.Reminded && f.Escalated), "review 1 escalated for both benefits");
        var escalated = await DigestAtAsync(monday.AddDays(7));
        Assert.Equal(
        [
            new DueBenefitReview(projectId, title, "b1", "Laptop faults per month", 1, due, Reminded: true, Escalated: true),
            new DueBenefitReview(projectId, title, "b2", "Library visits per week", 1, due, Reminded: true, Escalated: true),
        ], escalated.Figures.BenefitReviewsDue);
        Assert.Equal(
            ["Benefits reviews due: 2 (2 overdue, 2 escalated to the sponsor).", faults + " (overdue, escalated to the sponsor)", visits + " (overdue, escalated to the sponsor)"],
            BenefitsSection(escalated.Text));

        // Farah records hers late: it leaves the list, Ben's stays.
        using var farah = app.As("fin-farah");
        using var recorded = await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", new { actual = 30m, measuredOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var after = await DigestAtAsync(monday.AddDays(14));
        Assert.Equal([new DueBenefitReview(projectId, title, "b2", "Library visits per week", 1, due, Reminded: true, Escalated: true)], after.Figures.BenefitReviewsDue);
        Assert.Equal(["Benefits reviews due: 1 (1 overdue, 1 escalated to the sponsor).", visits + " (overdue, escalated to the sponsor)"], BenefitsSection(after.Text));
        Assert.DoesNotContain("Laptop faults per month", after.Text, StringComparison.Ordinal);
    }

    /// <summary>Runs the digest at 08:00 London time on the Monday: its figures and the text Lou received (one email that week).</summary>
    private async Task<DigestRun> DigestAtAsync(DateOnly monday)
    {
        var report = await DigestHttpTests.RunAtAsync(app.App.Services, ControlTimers.UkTimeOn(monday, 8));
        Assert.NotNull(report);
        Assert.Equal(1, report.LeadsEmailed);
        var subject = $"Weekly delivery digest for the week of {UkFormat.Date(monday)}";
        var emails = (await app.Inbox.WaitForAsync(app.EmailOf("lead-lou"), e => e.Subject == subject)).Where(e => e.Subject == subject).ToList();
        return new DigestRun(report.Figures, Assert.Single(emails).Text!);
    }

    /// <summary>The count line and the lines after it up to the link to the benefits report.</summary>
    private static string[] BenefitsSection(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.SkipWhile(l => !l.StartsWith("Benefits reviews due:", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("See the ", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Waits until the project's row in the benefits view has reviews in the state wanted (the digest reads only the view).</summary>
    private async Task UntilViewAsync(string projectId, Func<IReadOnlyList<Delivery.Workflows.Benefits.ReviewFigure>, bool> wanted, string what)
    {
        var view = app.App.Services.GetRequiredService<BenefitsView>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = (await view.ReadAsync(CancellationToken.None)).Projects.SingleOrDefault(p => p.ProjectId == projectId);
            if (row is not null && wanted(row.Benefits.SelectMany(b => b.Reviews).ToList()))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The benefits view never showed {what}.");
            await Task.Delay(200);
        }
    }

    private sealed record DigestRun(DigestFigures Figures, string Text);
}
