using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.App.DataProtection;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.DataRetention;
using Delivery.Functions.Tests.Approvals;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.DataProtection;

/// <summary>
/// The nightly retention timer with the default six years: Ravi withdraws one request and keeps another going. Five
/// years on nothing changes; six years and a day after the withdrawal everyone in the withdrawn project (Ravi, the
/// sponsor, any address typed anywhere) becomes a pseudonym in its documents and its portfolio row, its audit entries
/// stay with one more saying so, the live project is untouched, and a second run finds nothing more to do.
/// </summary>
public sealed partial class RetentionTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Six_years_after_a_project_finished_everyone_in_it_is_anonymised_and_nothing_else_changes()
    {
        var live = await app.RequestedByAsync("ravi", "Ravi's live request");
        var withdrawn = await app.RequestedByAsync("ravi", "Ravi's withdrawn request");
        using var ravi = app.As("ravi");
        Assert.Equal(HttpStatusCode.OK, (await ravi.PostAsJsonAsync($"/api/projects/{withdrawn}/withdraw", new { reason = "Funded by ravi.singh@example.gov.uk's team instead" })).StatusCode);
        await app.AtRestInAsync(withdrawn, "Withdrawn");
        var database = app.App.Services.GetRequiredService<Database>();
        var liveBefore = await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, live);
        var portfolioBefore = await PersonalDataScan.PartitionAsync(database, DataContainers.Views, ViewIds.Portfolio);
        var withdrawnBefore = await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, withdrawn);
        Assert.Contains(withdrawnBefore.Values, d => d.Contains("Ravi Singh", StringComparison.Ordinal) && d.Contains("Hana Kowalski", StringComparison.Ordinal));
        var finishedAt = (await app.ProjectAsync(withdrawn)).GetProperty("stageChangedAt").GetDateTimeOffset();

        Assert.Empty(await RunAtAsync(finishedAt.AddYears(5)));
        Assert.Equal(withdrawnBefore, await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, withdrawn));

        Assert.Equal([withdrawn], await RunAtAsync(finishedAt.AddYears(6).AddDays(1)));
        var after = await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, withdrawn);
        var text = string.Join("\n", after.Values);
        Assert.DoesNotContain("Ravi Singh", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Hana Kowalski", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"ravi\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(Address().Matches(text), m => Assert.EndsWith("@anonymised.invalid", m.Value, StringComparison.Ordinal));
        Assert.Contains("Funded by person-", text, StringComparison.Ordinal);

        // Every document is still there and every audit entry, with one more saying why; the other project is as it was.
        Assert.Equal(withdrawnBefore.Keys.Count + 1, after.Keys.Count);
        Assert.Single(after.Values, d => d.Contains("\"action\":\"PersonalDataAnonymised\"", StringComparison.Ordinal));
        Assert.Equal(liveBefore, await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, live));
        var portfolioAfter = await PersonalDataScan.PartitionAsync(database, DataContainers.Views, ViewIds.Portfolio);
        Assert.Equal(portfolioBefore[live], portfolioAfter[live]);
        Assert.Matches("\"sponsorName\":\"Person [0-9a-f]{10}\"", portfolioAfter[withdrawn]);

        Assert.Empty(await RunAtAsync(finishedAt.AddYears(7)));
        var log = await app.App.Services.GetRequiredService<DataProtectionLog>().ListAsync(CancellationToken.None);
        var record = Assert.Single(log);
        Assert.Equal((DataProtectionJob.Retention, withdrawn, "system"), (record.Job, record.Subject, record.RequestedBy));
    }

    private async Task<IReadOnlyList<string>> RunAtAsync(DateTimeOffset now)
    {
        var function = ActivatorUtilities.CreateInstance<DataRetentionFunction>(app.App.Services, (TimeProvider)new FakeTimeProvider(now));
        return await function.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, now.AddDays(1), now), CancellationToken.None);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Address();
}
