using System.Net.Http.Json;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.ServicePerformance;
using Delivery.Workflows.Performance;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Performance;

/// <summary>
/// The monthly performance report in the running app: on the 1st, a service in private beta emails the sponsor, the
/// delivery manager and its named stakeholder the month just ended's figures against target, once each however
/// often the timer runs; a service still in Discovery sends nothing.
/// </summary>
public sealed class MonthlyReportTests(PerformanceApp app) : IClassFixture<PerformanceApp>
{
    [Fact]
    public async Task Each_stakeholder_gets_the_month_just_ended_once_with_its_figures_against_target()
    {
        var (beta, title) = await app.ServiceInPrivateBetaAsync();
        var (discovery, discoveryTitle) = await app.ServiceInDiscoveryAsync();
        await app.SeedFiguresAsync(beta);
        await app.SeedFiguresAsync(discovery);
        using var sam = app.As("pm-sam");
        using var named = await sam.PutAsJsonAsync($"/api/projects/{beta}/performance/stakeholders", new { stakeholderIds = new[] { "fin-farah", "FIN-FARAH" } });
        Assert.Equal(System.Net.HttpStatusCode.Created, named.StatusCode);
        var firstOfMonth = new DateTimeOffset(PerformanceApp.ThisMonth.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero);

        var run = await RunAtAsync(firstOfMonth);
        var again = await RunAtAsync(firstOfMonth.AddHours(1));

        Assert.Equal(PerformanceApp.LastMonth, run.Month);
        Assert.Equal((1, 3, 0), (run.Services, run.Emailed, run.AlreadySent));
        Assert.Equal((1, 0, 3), (again.Services, again.Emailed, again.AlreadySent));
        Assert.Empty(run.Failed);
        var subject = $"Performance of {title} in {PerformanceApp.Name(PerformanceApp.LastMonth)}";
        foreach (var address in new[] { Infrastructure.ProjectRequestBuilder.SponsorAddress, app.EmailOf("pm-sam"), app.EmailOf("fin-farah") })
        {
            await app.Inbox.WaitForAsync(address, e => e.Subject == subject);
            var text = Assert.Single(await app.Inbox.ToAsync(address), e => e.Subject == subject).Text!;
            Assert.Contains($"Cost per transaction: £3.13 against a target of £3.00 (not met); change from {PerformanceApp.Name(PerformanceApp.MonthBefore)}: +£0.13", text, StringComparison.Ordinal);
            Assert.Contains($"User satisfaction: 86.5% against a target of 85% (met); change from {PerformanceApp.Name(PerformanceApp.MonthBefore)}: +6.5 percentage points", text, StringComparison.Ordinal);
            Assert.Contains($"Completion rate: 88% against a target of 90% (not met); no figure for {PerformanceApp.Name(PerformanceApp.MonthBefore)} to compare", text, StringComparison.Ordinal);
            Assert.Contains("Digital take-up: 70% against a target of 70% (met); change from", text, StringComparison.Ordinal);
            Assert.Contains("-1.25 percentage points", text, StringComparison.Ordinal);
            Assert.Contains("Reports per ward: no figure recorded (target 40)", text, StringComparison.Ordinal);
            Assert.Contains("Met: 2 of 5 measures; no figure recorded: 1.", text, StringComparison.Ordinal);
            Assert.Contains($"/api/projects/{beta}/performance/page", text, StringComparison.Ordinal);
            Assert.DoesNotContain(await app.Inbox.ToAsync(address), e => e.Subject.StartsWith($"Performance of {discoveryTitle}", StringComparison.Ordinal));
        }

        Assert.Equal(1, (await app.AuditActionsAsync(beta)).Count(a => a == "PerformanceReportSent"));
        Assert.DoesNotContain("PerformanceReportSent", await app.AuditActionsAsync(discovery));
    }

    /// <summary>Fires the timer function as the app would, with its clock at the moment given.</summary>
    private async Task<PerformanceReportRun> RunAtAsync(DateTimeOffset now)
    {
        var function = ActivatorUtilities.CreateInstance<MonthlyPerformanceReportFunction>(app.App.Services, (TimeProvider)new FakeTimeProvider(now));
        return await function.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, now.AddMonths(1), now), CancellationToken.None);
    }
}
