using System.Diagnostics;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;

namespace Delivery.Benchmarks;

/// <summary>
/// One tolerance sweep over 10,000 active projects in the local Cosmos server, through the app's own
/// <see cref="ToleranceSweep"/> and client: projects per second, Cosmos requests per project (counted by a handler in
/// that client), and the sweep's read rate beside the raw point-read rate of the same run. Then the same sweep with
/// 1 % of the projects over their cost tolerance, raising on the real control orchestrations.
/// </summary>
internal static class SweepBench
{
    private const int Projects = 10_000;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task RunAsync(Report report)
    {
        var cosmos = new CosmosCounter();
        var settings = TestSettings.Local($"benchsweep{Guid.NewGuid().ToString("N")[..8]}");
        await using var app = await RunningApp.StartAsync(settings, configure: builder =>
            builder.Services.AddSingleton(_ => new CosmosClient(settings["Cosmos:Endpoint"], settings["Cosmos:Key"], cosmos.Options())));
        var database = app.Services.GetRequiredService<Database>();
        var views = database.GetContainer(DataContainers.Views);
        var sweep = app.Services.GetRequiredService<ToleranceSweep>();
        var holidays = app.Services.GetRequiredService<ApprovalPolicy>().BankHolidays;
        var sink = new OrchestrationBreachSink(app.Services.GetRequiredService<DurableTaskClient>());
        report.Section($"(8) Tolerance sweep of {Projects:N0} active projects (the app's ToleranceSweep and Cosmos client)");

        var seed = Stopwatch.StartNew();
        await SeedAsync(views, 0, Projects, breaching: _ => false);
        report.Line($"  seeded in {seed.Elapsed.TotalSeconds:F0} s");
        var raw = await RawReadsAsync<ControlFigures>(views, ViewIds.Controls, Id, Projects);
        report.Line($"  raw point reads, 64 in flight, 4 s: {raw:F0} reads/s");

        await SweepAsync(report, sweep, holidays, sink, cosmos, raw, "no breach");
        await SeedAsync(views, 0, Projects, breaching: i => i % 100 == 0);
        await SweepAsync(report, sweep, holidays, sink, cosmos, raw, "1 % over the cost tolerance");
        await database.DeleteAsync();
    }

    private static async Task SweepAsync(Report report, ToleranceSweep sweep, IReadOnlyCollection<DateOnly> holidays, OrchestrationBreachSink sink, CosmosCounter cosmos, double raw, string name)
    {
        var before = cosmos.Count;
        cosmos.TakeKinds(1);
        var clock = Stopwatch.StartNew();
        var result = await sweep.RunAsync(Today, holidays, sink, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var requests = cosmos.Count - before;
        var rate = result.Projects / seconds;
        report.Line($"  {name}: {result.Projects:N0} projects in {seconds:F2} s = {rate:F0} projects/s, {result.Breaches} breaches raised, {result.Failed.Count} failed");
        report.Line($"    Cosmos requests {requests} = {requests / (double)result.Projects:F3} per project; by kind, per project: {cosmos.TakeKinds(result.Projects)}");
        report.Line($"    read rate / raw point-read rate = {rate / raw:F1}x");
    }

    /// <summary>Raw point reads of one view partition's documents, 64 in flight for 4 s: reads per second.</summary>
    internal static async Task<double> RawReadsAsync<T>(Container views, string viewId, Func<int, string> id, int documents)
    {
        var reads = 0L;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async worker =>
        {
            for (var i = worker; until.Elapsed < TimeSpan.FromSeconds(4); i += 64)
            {
                await views.ReadItemAsync<T>(id(i % documents), new PartitionKey(viewId));
                Interlocked.Increment(ref reads);
            }
        }));
        return reads / until.Elapsed.TotalSeconds;
    }

    internal static async Task SeedAsync(Container views, int from, int to, Func<int, bool> breaching)
    {
        var next = from - 1;
        var tolerances = new Tolerances(10, 10m, "No change", "As agreed", 12, 10m);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < to; i = Interlocked.Increment(ref next))
            {
                var figures = new ControlFigures
                {
                    Id = Id(i),
                    Stage = i % 2 == 0 ? ProjectStage.Delivery : ProjectStage.Initiation,
                    Tolerances = tolerances,
                    Approved = 50_000m,
                    ForecastAtCompletion = breaching(i) ? 60_000m : 52_000m,
                    ActualToDate = 20_000m,
                    Milestones = [new MilestoneFigure("m1", Today.AddDays(40), Today.AddDays(44), null), new MilestoneFigure("m2", Today.AddDays(90), Today.AddDays(90), null)],
                    HighestRiskScore = 9,
                    HighestRiskId = "R1",
                    OpenActionDues = [Today.AddDays(10)],
                    RefreshedAt = DateTimeOffset.UtcNow,
                };
                await views.UpsertItemAsync(figures, new PartitionKey(ViewIds.Controls));
            }
        }));
    }

    private static string Id(int i) => $"prj-sweep{i:000000}";
}
