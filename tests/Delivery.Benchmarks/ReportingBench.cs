using System.Diagnostics;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Digest;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Benchmarks;

/// <summary>
/// The reports over 10,000 projects in the local Cosmos server, each timed with the Cosmos requests it makes (counted
/// by a handler in the app's own client), beside the raw point-read rate and latency of the same run: the flow report
/// (JSON, CSV and page, one at a time, each followed by a raw point read), the portfolio export (CSV and Excel,
/// through HTTP as a manager) and the weekly digest's figures (the app's own
/// <see cref="DigestFigures"/>, then one real digest run). The projects get portfolio rows, control figures and audit
/// trails (written through the app's <see cref="AuditLog"/>, as the app writes them).
/// </summary>
internal static class ReportingBench
{
    private const int Projects = 10_000;
    private const int Runs = 5;

    public static async Task RunAsync(Report report)
    {
        var cosmos = new CosmosCounter();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var settings = TestSettings.Local($"benchreports{tag}");

        // One delivery lead, so the digest run sends its email (to a run-tagged address, as the tests' are).
        settings["Approvals:People:8:Id"] = "lead-lou";
        settings["Approvals:People:8:Name"] = "Lou Grant";
        settings["Approvals:People:8:Email"] = $"lead-lou.{tag}@example.gov.uk";
        settings["Approvals:People:8:Roles"] = "DeliveryLead";
        await using var app = await RunningApp.StartAsync(settings, configure: builder =>
            builder.Services.AddSingleton(_ => new CosmosClient(settings["Cosmos:Endpoint"], settings["Cosmos:Key"], cosmos.Options())));
        var database = app.Services.GetRequiredService<Database>();
        var views = database.GetContainer(DataContainers.Views);
        report.Section($"(9) Reports over {Projects:N0} projects (the app's own code and Cosmos client; requests counted in that client)");

        var seed = Stopwatch.StartNew();
        await PortfolioBench.SeedAsync(views, 0, Projects);
        await app.Services.GetRequiredService<PortfolioView>().RecountAsync(CancellationToken.None);
        await SweepBench.SeedAsync(views, 0, Projects, breaching: i => i % 100 == 0);
        var entries = await SeedAuditTrailsAsync(app.Services.GetRequiredService<AuditLog>());
        report.Line($"  seeded portfolio rows, control figures and {entries:N0} audit entries in {seed.Elapsed.TotalSeconds:F0} s");

        var raw = await SweepBench.RawReadsAsync<PortfolioRow>(views, ViewIds.Portfolio, PortfolioBench.RowId, Projects);
        var single = await PointReadsAsync(views);
        report.Line($"  raw point reads of portfolio rows: {raw:F0} reads/s (64 in flight, 4 s); one at a time {single.P50P95}");

        using var hana = app.ClientAs("head-hana");
        foreach (var (name, path) in new[] { ("flow report, JSON", "/api/reports/flow"), ("flow report, CSV", "/api/reports/flow.csv"), ("flow page", "/api/reports/flow/page") })
        {
            cosmos.TakeKinds(1);
            var (reports, reads, requests) = await PortfolioBench.MeasureAsync(hana, views, cosmos, path);
            report.Line($"  {name,-18} {reports.P50P95}   point read {reads.P50P95}   p95 ratio {reports.Percentile(95) / reads.Percentile(95):F1}x (aim under 10x)");
            report.Line($"  {string.Empty,-18} Cosmos requests per report {requests:F2}; by kind, per report, with the raw point read beside it counted too: {cosmos.TakeKinds(PortfolioBench.Views + 10)}");
        }

        foreach (var (name, path) in new[] { ("portfolio export, CSV", "/api/portfolio/export"), ("portfolio export, Excel", "/api/portfolio/export.xlsx") })
        {
            await TimeAsync(report, cosmos, raw, name, async () =>
            {
                using var response = await hana.GetAsync(path);
                response.EnsureSuccessStatusCode();
                return $"{(await response.Content.ReadAsByteArrayAsync()).Length / 1024:N0} KB";
            });
        }

        var portfolio = app.Services.GetRequiredService<PortfolioView>();
        var controls = app.Services.GetRequiredService<ControlsView>();
        var benefits = app.Services.GetRequiredService<BenefitsView>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await TimeAsync(report, cosmos, raw, "weekly digest figures", async () =>
        {
            var figures = await DigestFigures.ReadAsync(portfolio, controls, benefits, today, 30, CancellationToken.None);
            return $"{figures.ByStage.Values.Sum():N0} projects by stage, {figures.InException:N0} in exception";
        });
        var digest = Stopwatch.StartNew();
        var sent = await app.Services.GetRequiredService<WeeklyDigest>().RunAsync(today, "DeliveryLead", 30, CancellationToken.None);
        report.Line($"  one weekly digest run, emails included: {digest.Elapsed.TotalSeconds:F2} s, {sent.LeadsEmailed} lead(s) emailed, {sent.Failed.Count} failed");
        await database.DeleteAsync();
    }

    /// <summary>Runs a report <see cref="Runs"/> times after one warm-up: time, rate over the 10,000 projects against the raw read rate, and Cosmos requests.</summary>
    private static async Task TimeAsync(Report report, CosmosCounter cosmos, double raw, string name, Func<Task<string>> run)
    {
        var said = await run();
        var samples = new Samples();
        var before = cosmos.Count;
        cosmos.TakeKinds(1);
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            said = await run();
            samples.AddSince(start);
        }

        var requests = (cosmos.Count - before) / (double)Runs;
        var rate = Projects / (samples.Percentile(50) / 1000);
        report.Line($"  {name} ({said}): {samples.P50P95}; {rate:F0} projects/s at p50 = {rate / raw:F1}x the raw point-read rate");
        report.Line($"    Cosmos requests per run {requests:F0} ({requests / Projects:F4} per project); by kind, per run: {cosmos.TakeKinds(Runs)}");
    }

    private static async Task<Samples> PointReadsAsync(Container views)
    {
        var samples = new Samples();
        for (var i = 0; i < 210; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await views.ReadItemAsync<PortfolioRow>(PortfolioBench.RowId(i * 37 % Projects), new PartitionKey(ViewIds.Portfolio));
            if (i >= 10)
            {
                samples.AddSince(start);
            }
        }

        return samples;
    }

    /// <summary>
    /// Each project's trail as the lifecycle writes it: submitted, approval asked for, decided, and stage changes, days
    /// apart so lead times and stage times spread out over a year; every fourth project still waits for its decision.
    /// </summary>
    private static async Task<int> SeedAuditTrailsAsync(AuditLog audit)
    {
        var next = -1;
        var written = 0;
        var start = DateTimeOffset.UtcNow.AddDays(-400);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Projects; i = Interlocked.Increment(ref next))
            {
                var id = PortfolioBench.RowId(i);
                var submitted = start.AddHours(i * 0.9);
                var steps = new List<(TimeSpan After, AuditAction Action, string Actor, string? Subject, string Summary)>
                {
                    (TimeSpan.Zero, AuditAction.Submitted, "rita", null, "Project requested"),
                    (TimeSpan.FromHours(1), AuditAction.StageChanged, AuditEntry.System, "Approval", "Stage changed to Approval"),
                    (TimeSpan.FromHours(1), AuditAction.ApprovalRequested, AuditEntry.System, "s1", "Approval asked of the line manager"),
                };
                if (i % 4 != 0)
                {
                    var decided = TimeSpan.FromDays(1 + (i % 20));
                    steps.Add((decided, AuditAction.Decided, i % 3 == 0 ? "head-hana" : "lm-lee", "s1", "Approved"));
                    steps.Add((decided, AuditAction.StageChanged, AuditEntry.System, "Initiation", "Stage changed to Initiation"));
                    steps.Add((decided + TimeSpan.FromDays(10 + (i % 30)), AuditAction.StageChanged, AuditEntry.System, "Delivery", "Stage changed to Delivery"));
                }

                foreach (var (after, action, actor, subject, summary) in steps)
                {
                    await audit.AppendAsync($"{id}:bench:{action}:{subject}", new AuditEntry
                    {
                        Id = string.Empty,
                        ProjectId = id,
                        At = submitted + after,
                        Actor = actor,
                        Action = action,
                        Subject = subject,
                        Summary = summary,
                    }, CancellationToken.None);
                    Interlocked.Increment(ref written);
                }
            }
        }));
        return written;
    }
}
