using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.WeeklyDigest;
using Delivery.Workflows.Digest;
using Delivery.Workflows.Projects;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Controls;

/// <summary>An app whose directory has a delivery lead, who receives the weekly digest.</summary>
public sealed class DigestApp : ApprovalApp
{
    protected override void Customise(Dictionary<string, string?> settings) => AddLead(settings, EmailOf("lead-lou"));

    /// <summary>Lou Grant, delivery lead, at a directory index no base app uses, with the app's address for her.</summary>
    public static void AddLead(Dictionary<string, string?> settings, string address)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Approvals:People:8:Id"] = "lead-lou";
        settings["Approvals:People:8:Name"] = "Lou Grant";
        settings["Approvals:People:8:Email"] = address;
        settings["Approvals:People:8:Roles"] = "DeliveryLead";
    }
}

/// <summary>
/// The weekly digest in the running app: against a seeded set of projects its figures (by stage, status, overdue
/// items, the approval waiting longest) are right, each lead gets it once a week however often it runs, and it runs
/// only at 08:00 London time on Mondays, in GMT and in BST.
/// </summary>
public sealed class DigestHttpTests(DigestApp app) : IClassFixture<DigestApp>
{
    [Fact]
    public async Task The_digest_counts_the_seeded_projects_and_each_lead_gets_it_once_a_week()
    {
        var withRisk = await app.ApprovedProjectAsync();
        await app.ApprovedProjectAsync();
        var (waiting, _) = await app.PendingForLeeAsync();
        using var sam = app.As("pm-sam");
        var risk = new
        {
            kind = "risk", title = "Supplier capacity", ownerId = "pm-sam", cause = "One supplier", @event = "Late deliveries", effect = "Go-live slips",
            probability = 3, impact = 3, proximity = "withinStage", response = "reduce",
            actions = new[] { new { actionId = "a1", description = "Find a second supplier", actioneeId = "pm-sam", due = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } },
        };
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{withRisk}/raid/R1", risk)).StatusCode);
        var monday = MondayFrom(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40));

        var report = await RunAtAsync(ControlTimers.UkTimeOn(monday, 8));
        var again = await RunAtAsync(ControlTimers.UkTimeOn(monday, 8));
        var nextWeek = await RunAtAsync(ControlTimers.UkTimeOn(monday.AddDays(7), 8));

        var figures = report!.Figures;
        Assert.Equal(new Dictionary<ProjectStage, int> { [ProjectStage.Initiation] = 2, [ProjectStage.Approval] = 1 }, figures.ByStage);
        Assert.Equal((2, 0), (figures.WithinTolerance, figures.InException));
        Assert.Empty(figures.NewExceptions);
        // 40 days on: the action (due in 10) is past due, the risk unreviewed beyond 30 days, neither project has sent a highlight report.
        Assert.Equal((1, 1, 2), (figures.OverdueActions, figures.RisksNotReviewed, figures.HighlightReportsOverdue));
        Assert.Equal([waiting], figures.ApprovalsWaiting.Select(w => w.ProjectId).ToArray());
        Assert.Equal((1, 0), (report.LeadsEmailed, report.AlreadySentThisWeek));
        Assert.Equal((0, 1), (again!.LeadsEmailed, again.AlreadySentThisWeek));
        Assert.Equal(1, nextWeek!.LeadsEmailed);
        var subject = $"Weekly delivery digest for the week of {Delivery.Workflows.Notifications.Templates.UkFormat.Date(monday)}";
        var emails = (await app.Inbox.WaitForAsync(app.EmailOf("lead-lou"), e => e.Subject == subject)).Where(e => e.Subject == subject).ToList();
        var text = Assert.Single(emails).Text!;
        Assert.Contains("Initiation: 2", text, StringComparison.Ordinal);
        Assert.Contains("2 within tolerance, 0 in exception", text, StringComparison.Ordinal);
        Assert.Contains("Highlight reports overdue: 2", text, StringComparison.Ordinal);
        Assert.Contains($"({waiting}): waiting since", text, StringComparison.Ordinal);
        Assert.Empty(figures.BenefitReviewsDue);
        Assert.Contains("Benefits reviews due: none.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.Inbox.ToAsync(app.EmailOf("pm-sam")), e => e.Subject.StartsWith("Weekly delivery digest", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2027, 1, 4, 8)] // GMT: 08:00 in London is 08:00 UTC.
    [InlineData(2027, 7, 5, 7)] // BST: 08:00 in London is 07:00 UTC.
    public async Task The_digest_runs_only_at_eight_in_London_on_a_Monday(int year, int month, int mondayDay, int utcHour)
    {
        var eight = new DateTimeOffset(year, month, mondayDay, utcHour, 0, 0, TimeSpan.Zero);
        var otherHour = eight.AddHours(utcHour == 8 ? -1 : 1);

        Assert.Equal(DayOfWeek.Monday, eight.DayOfWeek);
        Assert.Null(await RunAtAsync(otherHour));
        Assert.Null(await RunAtAsync(eight.AddDays(1)));
        Assert.NotNull(await RunAtAsync(eight));
    }

    internal static DateOnly MondayFrom(DateOnly day) => day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);

    private Task<DigestReport?> RunAtAsync(DateTimeOffset now) => RunAtAsync(app.App.Services, now);

    /// <summary>Fires the timer function as the app would, with its clock at the moment given.</summary>
    internal static async Task<DigestReport?> RunAtAsync(IServiceProvider services, DateTimeOffset now)
    {
        var function = ActivatorUtilities.CreateInstance<WeeklyDigestFunction>(services, (TimeProvider)new FakeTimeProvider(now));
        return await function.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, now.AddDays(7), now), CancellationToken.None);
    }
}
