using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Delivery.Functions.TeamFlow;
using Delivery.Workflows.Flow;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Benchmarks;

/// <summary>
/// The backlog import and the team flow metrics at size: a Jira export and an Azure Boards export of
/// <c>rows</c> items each (and one a tenth that size, to show memory does not grow with the file) imported through
/// HTTP into digital services of their own, as an administrator; rows/s, peak memory above the idle app, Cosmos
/// requests per row (counted in the app's client), beside the raw Cosmos create rate of the same run (same
/// container, one partition, 16 in flight, and 64 as the import keeps, measured just before each import). Then the team's flow metrics over the
/// imported stories (JSON, CSV, page, one at a time, each followed by a raw point read of a story), p95 ratio, and
/// for comparison the scan the summaries avoid: listing every story of the backlog.
/// </summary>
internal static class ImportBench
{
    // 200 of each, so a p95 is the 10th slowest rather than the 3rd of 50: on a shared 2-core machine a few stalls
    // otherwise decide it.
    private const int Views = 200;

    /// <summary>Runs the benchmark; with <paramref name="flowOnly"/>, only the team flow: one Jira export of <paramref name="rows"/> imported, then the flow reports measured.</summary>
    public static async Task RunAsync(Report report, int rows, bool flowOnly = false)
    {
        var cosmos = new CosmosCounter();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var settings = TestSettings.Local($"benchimport{tag}");
        await using var app = await RunningApp.StartAsync(settings, configure: builder =>
            builder.Services.AddSingleton(_ => new CosmosClient(settings["Cosmos:Endpoint"], settings["Cosmos:Key"], cosmos.Options())));
        var database = app.Services.GetRequiredService<Database>();
        try
        {
            await RunInAsync(report, rows, flowOnly, app, database, cosmos);
        }
        finally
        {
            await database.DeleteAsync();
        }
    }

    /// <summary>Deletes the databases earlier runs of this benchmark left when they stopped half way (theirs only: named benchimport…).</summary>
    public static async Task CleanUpAsync(CosmosClient client, string current)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var iterator = client.GetDatabaseQueryIterator<DatabaseProperties>();
        while (iterator.HasMoreResults)
        {
            foreach (var left in (await iterator.ReadNextAsync()).Where(d => d.Id.StartsWith("benchimport", StringComparison.Ordinal) && d.Id != current))
            {
                await client.GetDatabase(left.Id).DeleteAsync();
            }
        }
    }

    private static async Task RunInAsync(Report report, int rows, bool flowOnly, RunningApp app, Database database, CosmosCounter cosmos)
    {
        await CleanUpAsync(app.Services.GetRequiredService<CosmosClient>(), database.Id);
        var projects = database.GetContainer(DataContainers.Projects);
        report.Section($"(10) Backlog import and team flow, {rows:N0}-row exports (the app's own code and Cosmos client through HTTP; requests counted in that client)");

        report.Line("  each import is preceded by raw Cosmos creates of ~1 KB documents into one partition of the same container (16 in flight, then 64 as the import keeps; 4 s each), since the machine's load changes during a run");

        using var ada = app.ClientAs("admin-ada");

        // A 10,000-row import on a loaded machine can take longer than HttpClient's default 100 s.
        ada.Timeout = Timeout.InfiniteTimeSpan;
        string? flowProject = null;
        var exports = flowOnly ? new[] { ("jira", rows) } : new[] { ("jira", rows / 10), ("jira", rows), ("azure-boards", rows / 10), ("azure-boards", rows) };
        foreach (var (source, size) in exports)
        {
            var projectId = await ServiceAsync(app.Services.GetRequiredService<ProjectRepository>());
            var file = Path.GetTempFileName();
            try
            {
                await File.WriteAllTextAsync(file, source == "jira" ? JiraExport(size) : AzureExport(size), new UTF8Encoding(false));
                var raw16 = await RawCreatesAsync(projects, 16);
                var raw64 = await RawCreatesAsync(projects, 64);
                GC.Collect();
                var idle = GC.GetTotalMemory(forceFullCollection: true);
                var idleSet = Environment.WorkingSet;
                var idleAfterCollection = MemorySampler.HeapAfterCollection();
                var collections = GC.CollectionCount(0);
                using var memory = new MemorySampler();
                var before = cosmos.Count;
                cosmos.TakeKinds(1);
                var watch = Stopwatch.StartNew();
                await using (var body = File.OpenRead(file))
                {
                    using var content = new StreamContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                    using var response = await ada.PostAsync($"/api/projects/{projectId}/backlog-import?source={source}", content);
                    var text = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"Import failed: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
                    }
                }

                var seconds = watch.Elapsed.TotalSeconds;
                var requests = cosmos.Count - before;
                var (heap, set, afterCollection) = memory.Stop();
                collections = GC.CollectionCount(0) - collections;
                var rate = size / seconds;
                report.Line($"  {source,-12} {size,7:N0} rows ({new FileInfo(file).Length / 1024:N0} KB): {seconds,6:F1} s = {rate,5:F0} rows/s = {rate / raw64:F2}x raw creates at 64 in flight, as the import keeps ({raw64:F0}/s; {rate / raw16:F2}x the {raw16:F0}/s at 16); " +
                    $"peak heap after a collection +{(afterCollection - idleAfterCollection) / 1048576.0:F1} MB over idle ({collections} collections), peak managed heap with garbage +{(heap - idle) / 1048576.0:F1} MB, peak working set +{(set - idleSet) / 1048576.0:F1} MB; Cosmos requests {requests / (double)size:F2} per row ({cosmos.TakeKinds(size)})");
            }
            finally
            {
                File.Delete(file);
            }

            if (source == "jira" && size == rows)
            {
                flowProject = projectId;
            }
        }

        // 13 months, so the period always spans two years' summary documents (12 would read one in December).
        report.Line("  the team's flow over the last 13 months (two years' summary documents and work in progress, after the project's own read)");
        foreach (var (name, path) in new[] { ("team flow, JSON", $"/api/projects/{flowProject}/team-flow?months=13"), ("team flow, CSV", $"/api/projects/{flowProject}/team-flow.csv?months=13"), ("team flow page", $"/api/projects/{flowProject}/team-flow/page?months=13") })
        {
            var (reports, reads, requests, bytes) = await MeasureAsync(ada, projects, cosmos, flowProject!, path);
            report.Line($"  {name,-16} {reports.P50P95}   story point read {reads.P50P95}   p95 ratio {reports.Percentile(95) / reads.Percentile(95):F1}x (aim under 10x); {bytes / 1024:N0} KB");
            report.Line($"  {string.Empty,-16} Cosmos requests per report {requests:F2}; by kind, per report, with the raw point read beside it counted too: {cosmos.TakeKinds(Views + 10)}");
        }

        var (floor, floorReads, _, _) = await MeasureAsync(ada, projects, cosmos, flowProject!, $"/api/projects/{flowProject}");
        report.Line($"  {"for scale, the project's JSON (one point read through HTTP)",-16} {floor.P50P95}   story point read {floorReads.P50P95}   p95 ratio {floor.Percentile(95) / floorReads.Percentile(95):F1}x");
        cosmos.TakeKinds(Views + 10);
        await BreakdownAsync(report, app, flowProject!);
        cosmos.TakeKinds(1);
        if (flowOnly)
        {
            return;
        }

        var (pages, pageReads, pageRequests, pageBytes) = await MeasureAsync(ada, projects, cosmos, flowProject!, $"/api/projects/{flowProject}/backlog/page", 5);
        report.Line($"  {"backlog page",-16} {pages.P50P95}   story point read {pageReads.P50P95}   p95 ratio {pages.Percentile(95) / pageReads.Percentile(95):F1}x (the top 200 of the backlog); {pageBytes / 1024:N0} KB");
        report.Line($"  {string.Empty,-16} Cosmos requests per page {pageRequests:F2}; by kind, per page, with the raw point read beside it counted too: {cosmos.TakeKinds(7)}");

        var backlog = app.Services.GetRequiredService<BacklogRepository>();
        var scan = new Samples();
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var all = await backlog.ListAsync(flowProject!, CancellationToken.None);
            scan.AddSince(start);
            if (all.Count != rows)
            {
                throw new InvalidOperationException($"Listed {all.Count} items, not {rows}.");
            }
        }

        report.Line($"  for comparison, reading every story of the backlog (the scan the flow summaries avoid): {scan.P50P95}; {cosmos.TakeKinds(3)} per scan");
    }

    /// <summary>Where a team flow report's time goes, in process: reading the summary documents, working out the report, writing it as JSON.</summary>
    private static async Task BreakdownAsync(Report report, RunningApp app, string projectId)
    {
        var flow = app.Services.GetRequiredService<BacklogFlowSummary>();
        var months = FlowCalculator.MonthsEnding(DateTimeOffset.UtcNow, 13);
        var (read, build, write) = (new Samples(), new Samples(), new Samples());
        var bytes = 0L;
        for (var i = 0; i < Views + 10; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var data = await flow.ReadAsync(projectId, months, CancellationToken.None);
            var built = Stopwatch.GetTimestamp();
            var flowReport = TeamFlowReport.Of(projectId, data, DateTimeOffset.UtcNow);
            var written = Stopwatch.GetTimestamp();
            bytes = JsonSerializer.SerializeToUtf8Bytes(flowReport, JsonSerializerOptions.Web).LongLength;
            if (i >= 10)
            {
                read.Add(Stopwatch.GetElapsedTime(start, built).TotalMilliseconds);
                build.Add(Stopwatch.GetElapsedTime(built, written).TotalMilliseconds);
                write.Add(Stopwatch.GetElapsedTime(written).TotalMilliseconds);
            }
        }

        var container = app.Services.GetRequiredService<Database>().GetContainer(DataContainers.Projects);
        var (stream, typed) = (new Samples(), new Samples());
        var size = 0L;
        for (var i = 0; i < Views + 10; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (var response = await container.ReadItemStreamAsync(BacklogFlowDocument.YearId(BacklogFlowDocument.YearOf(months[^1])), new PartitionKey(projectId)))
            {
                size = response.Content.Length;
            }

            var mid = Stopwatch.GetTimestamp();
            await container.ReadItemAsync<BacklogFlowDocument>(BacklogFlowDocument.YearId(BacklogFlowDocument.YearOf(months[^1])), new PartitionKey(projectId));
            if (i >= 10)
            {
                stream.Add(Stopwatch.GetElapsedTime(start, mid).TotalMilliseconds);
                typed.Add(Stopwatch.GetElapsedTime(mid).TotalMilliseconds);
            }
        }

        report.Line($"  this year's summary document ({size / 1024:N0} KB): as a stream {stream.P50P95}; read into its type {typed.P50P95}");
        report.Line($"  in process: reading the summaries {read.P50P95}; working out the report {build.P50P95}; writing it as JSON ({bytes / 1024:N0} KB) {write.P50P95}");
    }

    private static async Task<string> ServiceAsync(ProjectRepository projects)
    {
        var id = "prj-" + Guid.NewGuid().ToString("N")[..24];
        await projects.TryCreateAsync(new ProjectDocument
        {
            Id = id,
            ProjectId = id,
            Request = new ProjectRequest
            {
                Title = "Benchmark service " + id[^6..],
                Description = "A digital service with a long backlog.",
                Category = ProjectCategory.DigitalService,
                Requester = new Person("Rory Ahmed", "rory.ahmed@example.gov.uk"),
                Sponsor = new Person("Hana Kowalski", "hana.kowalski@example.gov.uk"),
                EstimatedCost = new EstimatedCost(0m, 9000m),
                TargetStart = new DateOnly(2027, 1, 4),
                TargetEnd = new DateOnly(2027, 6, 30),
                Benefits = [new ExpectedBenefit("Digital take-up", "40%", "80%", new DateOnly(2027, 9, 1), "Head of Service")],
                Risks = [new InitialRisk("Low take-up", 3, 3)],
            },
            Stage = ProjectStage.Delivery,
            WaitingFor = "Delivery",
            SubmittedBy = "rory",
            SubmittedAt = DateTimeOffset.UtcNow.AddYears(-1),
            RequestHash = "bench",
        }, CancellationToken.None);
        return id;
    }

    /// <summary>Story-sized creates (~1 KB) into one project's partition for 4 s.</summary>
    private static async Task<double> RawCreatesAsync(Container projects, int inFlight)
    {
        var partition = "prj-raw" + Guid.NewGuid().ToString("N")[..16];
        var text = new string('x', 800);
        var created = 0L;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async worker =>
        {
            for (var i = worker; until.Elapsed < TimeSpan.FromSeconds(4); i += inFlight)
            {
                await projects.CreateItemAsync(new { id = $"raw~{i}", projectId = partition, type = "raw", text }, new PartitionKey(partition));
                Interlocked.Increment(ref created);
            }
        }));
        return created / until.Elapsed.TotalSeconds;
    }

    private static async Task<(Samples Reports, Samples Reads, double RequestsPerReport, long Bytes)> MeasureAsync(HttpClient client, Container projects, CosmosCounter cosmos, string projectId, string path, int views = Views)
    {
        var reports = new Samples();
        var reads = new Samples();
        var requests = 0L;
        var bytes = 0L;
        var warmUp = Math.Min(10, views / 2);
        for (var i = 0; i < views + warmUp; i++)
        {
            var before = cosmos.Count;
            var start = Stopwatch.GetTimestamp();
            using (var response = await client.GetAsync(path))
            {
                response.EnsureSuccessStatusCode();
                bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            }

            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var made = cosmos.Count - before;
            start = Stopwatch.GetTimestamp();
            await projects.ReadItemAsync<StoryRecord>(StoryRecord.IdFor($"DEL-{100 + (i * 37 % 1000)}"), new PartitionKey(projectId));
            var read = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= warmUp)
            {
                reports.Add(elapsed);
                reads.Add(read);
                requests += made;
            }
        }

        return (reports, reads, requests / (double)views, bytes);
    }

    private static string D(DateTimeOffset at, string format) => at.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Twenty epics, then stories: four in five done (cycle times 0.5 to 12.5 days, finished over the last year), one
    /// in ten in progress (started in the last month), the rest ready or in the backlog. Every story has a user need
    /// and acceptance criteria, as a ready one must.
    /// </summary>
    private static IEnumerable<(string Key, string Type, string Status, DateTimeOffset Created, DateTimeOffset? Started, DateTimeOffset? Finished, string? Epic)> Items(int rows, string prefix, string[] statuses)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < rows; i++)
        {
            var key = $"{prefix}{100 + i}";
            if (i < 20)
            {
                yield return (key, "Epic", statuses[2], now.AddDays(-380), now.AddDays(-370), null, null);
                continue;
            }

            var created = now.AddDays(-370 + 340.0 * i / rows);
            var epic = $"{prefix}{100 + i % 20}";
            switch (i % 20)
            {
                case < 16:
                    var started = created.AddDays(1 + i % 5);
                    yield return (key, "Story", statuses[3], created, started, started.AddDays(0.5 + i % 13), epic);
                    break;
                case < 18:
                    yield return (key, "Story", statuses[2], created, now.AddDays(-(i % 30)), null, epic);
                    break;
                case 18:
                    yield return (key, "Story", statuses[1], created, null, null, epic);
                    break;
                default:
                    yield return (key, "Story", statuses[0], created, null, null, epic);
                    break;
            }
        }
    }

    private static string JiraExport(int rows)
    {
        const string f = "dd/MMM/yy h:mm tt";
        var csv = new StringBuilder("Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Created,Updated,Resolved,Description,Custom field (Epic Link),Custom field (Acceptance Criteria),Sprint,Fix Version/s,Custom field (Start date)\n");
        foreach (var (key, type, status, created, started, finished, epic) in Items(rows, "DEL-", ["To Do", "Selected for Development", "In Progress", "Done"]))
        {
            csv.Append(CultureInfo.InvariantCulture, $"\"Story {key}, with a title of usual length\",{key},{key[4..]},{type},{status},Medium,Sam Okafor,{D(created, f)},{D(created, f)},{(finished is { } x ? D(x, f) : "")},");
            csv.Append(CultureInfo.InvariantCulture, $"\"As a parent, I want to do thing {key} online, so that I need not phone the council\",{(type == "Epic" ? "" : epic)},\"- The page saves as you go\n- A receipt is emailed\",Sprint 12,Private beta,{(started is { } s ? D(s, f) : "")}\n");
        }

        return csv.ToString();
    }

    private static string AzureExport(int rows)
    {
        const string f = "M/d/yyyy h:mm:ss tt";
        var csv = new StringBuilder("ID,Work Item Type,Title,State,Area Path,Iteration Path,Created Date,Activated Date,Closed Date,Acceptance Criteria,Tags,Description,Parent\n");
        foreach (var (key, type, status, created, started, finished, epic) in Items(rows, "", ["New", "Approved", "Active", "Closed"]))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{key},{(type == "Epic" ? "Feature" : "User Story")},\"Story {key}, with a title of usual length\",{status},Admissions,Admissions\\Sprint 12,{D(created, f)},{(started is { } s ? D(s, f) : "")},{(finished is { } x ? D(x, f) : "")},");
            csv.Append(CultureInfo.InvariantCulture, $"\"<div>The page saves as you go</div><ul><li>A receipt is emailed</li></ul>\",parents; online,\"<div>As a parent, I want to do thing {key} online, so that I need not phone the council</div>\",{(type == "Epic" ? "" : epic)}\n");
        }

        return csv.ToString();
    }

    /// <summary>Samples the managed heap and the working set every 20 ms and keeps the peaks.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _heap;
        private long _set;
        private long _afterCollection;

        public MemorySampler() => _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _heap = Math.Max(_heap, GC.GetTotalMemory(false));
                _set = Math.Max(_set, Environment.WorkingSet);
                _afterCollection = Math.Max(_afterCollection, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                await Task.Delay(20);
            }
        });

        /// <summary>The heap's size after the latest collection: what was still reachable then (and fragmentation), without the garbage of the moment.</summary>
        public static long HeapAfterCollection() => GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;

        /// <summary>
        /// The peaks: managed heap (garbage not yet collected included, so it moves with the GC's allocation budget,
        /// which differs from machine to machine), working set, and the heap after a collection (what the import keeps).
        /// </summary>
        public (long Heap, long Set, long AfterCollection) Stop()
        {
            _stop.Cancel();
            _sampling.Wait();
            return (_heap, _set, _afterCollection);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}

