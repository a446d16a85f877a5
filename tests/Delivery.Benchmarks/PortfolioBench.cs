using System.Diagnostics;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Benchmarks;

/// <summary>
/// The portfolio page with 1,000 and then 10,000 projects in the local Cosmos server: page views through HTTP as a
/// manager would make them (first page, a filtered page, a page further on), each beside a raw point read of the same
/// run and the same client, one at a time; and the Cosmos requests each page view makes, counted by a handler in the
/// app's own client.
/// </summary>
internal static class PortfolioBench
{
    internal const int Views = 200;

    public static async Task RunAsync(Report report)
    {
        var cosmos = new CosmosCounter();
        var settings = TestSettings.Local($"benchportfolio{Guid.NewGuid().ToString("N")[..8]}");
        await using var app = await RunningApp.StartAsync(settings, configure: builder =>
            builder.Services.AddSingleton(_ => new CosmosClient(settings["Cosmos:Endpoint"], settings["Cosmos:Key"], cosmos.Options())));
        var database = app.Services.GetRequiredService<Database>();
        var views = database.GetContainer(DataContainers.Views);
        var portfolio = app.Services.GetRequiredService<PortfolioView>();
        using var hana = app.ClientAs("head-hana");
        report.Section($"(7) Portfolio page, {Views} views of each kind one at a time, each followed by a raw point read (same client)");
        var seeded = 0;
        foreach (var size in new[] { 1_000, 10_000 })
        {
            var seed = Stopwatch.StartNew();
            await SeedAsync(views, seeded, size);
            seeded = size;
            await portfolio.RecountAsync(CancellationToken.None);
            report.Line($"  {size:N0} projects (seeded in {seed.Elapsed.TotalSeconds:F0} s)");
            var page = await hana.GetStringAsync("/api/portfolio");
            cosmos.TakeKinds(1);
            var next = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/api/portfolio\\?page=2&amp;after=[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
            foreach (var (name, path) in new[] { ("first page", "/api/portfolio"), ("stage filter", "/api/portfolio?stage=Approval"), ("second page", next) })
            {
                var (pages, reads, requests) = await MeasureAsync(hana, views, cosmos, path);
                report.Line($"    {name,-13} page {pages.P50P95}   point read {reads.P50P95}   p95 ratio {pages.Percentile(95) / reads.Percentile(95):F1}x");
                report.Line($"    {string.Empty,-13} Cosmos requests per page view {requests:F2}; by kind, per page view, with the raw point read beside it counted too: {cosmos.TakeKinds(Views + 10)}");
            }
        }

        await database.DeleteAsync();
    }

    internal static async Task<(Samples Pages, Samples Reads, double RequestsPerView)> MeasureAsync(HttpClient client, Container views, CosmosCounter cosmos, string path)
    {
        var pages = new Samples();
        var reads = new Samples();
        var requests = 0L;
        for (var i = 0; i < Views + 10; i++)
        {
            var before = cosmos.Count;
            var start = Stopwatch.GetTimestamp();
            using (var response = await client.GetAsync(path))
            {
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }

            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var made = cosmos.Count - before;
            start = Stopwatch.GetTimestamp();
            await views.ReadItemAsync<PortfolioRow>(RowId(i), new PartitionKey(ViewIds.Portfolio));
            var read = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            // The first ten of each kind warm caches and are not counted.
            if (i >= 10)
            {
                pages.Add(elapsed);
                reads.Add(read);
                requests += made;
            }
        }

        return (pages, reads, requests / (double)Views);
    }

    internal static async Task SeedAsync(Container views, int from, int to)
    {
        var next = from - 1;
        var stages = Enum.GetValues<ProjectStage>();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < to; i = Interlocked.Increment(ref next))
            {
                var row = new PortfolioRow
                {
                    Id = RowId(i),
                    Title = $"Benchmark project {i}",
                    Category = i % 4 == 0 ? ProjectCategory.DigitalService : ProjectCategory.TechnologyProject,
                    Stage = stages[i % stages.Length],
                    WaitingFor = "Line manager approval",
                    CostBand = "Up to £25,000",
                    EstimatedCost = 9_000m,
                    SponsorName = "Hana Kowalski",
                    SubmittedAt = DateTimeOffset.UtcNow.AddMinutes(-i),
                    StageSince = DateTimeOffset.UtcNow.AddMinutes(-i),
                };
                await views.UpsertItemAsync(row, new PartitionKey(ViewIds.Portfolio));
            }
        }));
    }

    internal static string RowId(int i) => $"prj-bench{i:000000}";
}
