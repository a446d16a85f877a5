using System.Diagnostics;
using System.Globalization;
using Delivery.Benchmarks;
using Microsoft.Azure.Cosmos;

// bash scripts/services.sh start && dotnet run -c Release --project tests/Delivery.Benchmarks [-- --quick]
// Runs against the local services in queues, tables, containers, task hubs and databases of its own, removed at the end.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var run = Guid.NewGuid().ToString("N")[..8];
var total = Stopwatch.StartNew();
var report = new Report();
report.Line($"Delivery benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

// The portfolio page on its own: `-- --portfolio`.
if (args.Contains("--portfolio"))
{
    await PortfolioBench.RunAsync(report);
    report.Line($"Total run time {total.Elapsed.TotalMinutes:F1} min.");
    report.Save(Path.Combine(AppContext.BaseDirectory, "last-portfolio-run.txt"));
    return;
}

// The tolerance monitor's sweep on its own: `-- --sweep`.
if (args.Contains("--sweep"))
{
    await SweepBench.RunAsync(report);
    report.Line($"Total run time {total.Elapsed.TotalMinutes:F1} min.");
    report.Save(Path.Combine(AppContext.BaseDirectory, "last-sweep-run.txt"));
    return;
}

// The reports over 10,000 projects on their own: `-- --reports`.
if (args.Contains("--reports"))
{
    await ReportingBench.RunAsync(report);
    report.Line($"Total run time {total.Elapsed.TotalMinutes:F1} min.");
    report.Save(Path.Combine(AppContext.BaseDirectory, "last-reports-run.txt"));
    return;
}

// The backlog import and team flow on their own: `-- --import [rows]` (10,000 rows unless given); the team flow
// alone over one Jira export: `-- --team-flow [rows]`.
if (args.Contains("--import") || args.Contains("--team-flow"))
{
    var flowOnly = args.Contains("--team-flow");
    var at = Array.IndexOf(args, flowOnly ? "--team-flow" : "--import");
    var rows = at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
    await ImportBench.RunAsync(report, rows, flowOnly);
    report.Line($"Total run time {total.Elapsed.TotalMinutes:F1} min.");
    report.Save(Path.Combine(AppContext.BaseDirectory, "last-import-run.txt"));
    return;
}

await using var mail = new MailWatcher(run);
var cpu = ProcessCpu.Find();
report.Line($"CPU measured for: {cpu.Describe()}");

// The reference settings (the tests' own): 2 partitions, 500 ms polling ceiling.
var baseline = (Partitions: 2, Polling: TimeSpan.FromMilliseconds(500));
var one = quick ? 2 : 5;
var many = quick ? 50 : 100;
const int InFlight = 50;
var appTag = $"{run}c0";
var bench = await BenchApp.StartAsync(appTag, baseline.Partitions, baseline.Polling);
var lifecycle = new Lifecycle(bench.App, mail, p => BenchApp.EmailOf(appTag, p));
await lifecycle.RunManyAsync(2, 2, new LifecycleTimes());

// (1) raw rates
var raw = new RawRates(bench.App.Services.GetRequiredService<Database>(), $"bench{run}");
await raw.MeasureAsync();
report.Section($"(1) Raw rates, {RawRates.Concurrency} requests in flight, {RawRates.Duration.TotalSeconds:F0} s each, ~1 KB payloads (the app idles meanwhile)");
foreach (var r in raw.Results)
{
    var requests = r.RequestsPerSecond != r.OpsPerSecond ? $"  ({r.RequestsPerSecond:F0} requests/s)" : string.Empty;
    report.Line($"  {r.Name,-28} {r.OpsPerSecond,8:F0} ops/s  {r.Latency.P50P95}{requests} {r.Note}");
}

foreach (var service in RequestCounter.Services)
{
    report.Line($"  {service} raw requests/s (all its measured requests over all its measured time): {raw.ServiceRequestRate(service):F0}");
}

// Idle traffic
bench.Requests.Reset();
await Task.Delay(TimeSpan.FromSeconds(3));
var idle = bench.Requests.Snapshot();
report.Section("(2) Engine storage requests");
report.Line($"  idle (nothing running, 3 s): {idle.Values.Sum() / 3.0:F1} requests/s: {Mix(idle, 3.0, "/s")}");

// (3) 1 in flight, then 50 in flight
var times1 = new LifecycleTimes();
var (seconds1, counts1, cpu1) = await MeasureAsync(bench.Requests, () => lifecycle.RunManyAsync(one, 1, times1));
var times50 = new LifecycleTimes();
var (seconds50, counts50, cpu50) = await MeasureAsync(bench.Requests, () => lifecycle.RunManyAsync(many, InFlight, times50));
var done1 = one - times1.Failures;
var done50 = many - times50.Failures;
report.Line($"  per orchestration at 1 in flight ({done1} lifecycles): {counts1.Values.Sum() / (double)done1:F1} requests: {Mix(counts1, done1, string.Empty)}");
report.Line($"  per orchestration at {InFlight} in flight ({done50} lifecycles): {counts50.Values.Sum() / (double)done50:F1} requests: {Mix(counts50, done50, string.Empty)}");
report.Line("  by operation, per orchestration at 50 in flight:");
foreach (var group in counts50.OrderBy(c => c.Key, StringComparer.Ordinal))
{
    report.Line($"    {group.Key.Replace('|', ' '),-32} {group.Value / (double)done50,7:F2}");
}

var rate1 = done1 / seconds1;
var rate50 = done50 / seconds50;
report.Section("(3) Reference workflow (intake, business case, submit, 2 approval steps, approved email), through the HTTP API");
var bound = Bound(counts50, done50);
report.Line($"  bound from raw rates / requests per orchestration (50-in-flight mix): {bound.Text}");
report.Line($"  1 in flight:  {rate1,6:F2} lifecycles/s ({done1} in {seconds1:F1} s, {times1.Failures} failed), end-to-end {times1.EndToEnd.P50P95}, {rate1 / bound.Value:P1} of bound");
report.Line($"  {InFlight} in flight: {rate50,6:F2} lifecycles/s ({done50} in {seconds50:F1} s, {times50.Failures} failed), end-to-end {times50.EndToEnd.P50P95}, {rate50 / bound.Value:P1} of bound");
report.Line($"  CPU at 1 in flight (cores used = CPU s / wall s; CPU ms per lifecycle): {Cpu(cpu1, seconds1, done1)}");
report.Line($"  CPU at {InFlight} in flight: {Cpu(cpu50, seconds50, done50)}");

// (4) intake
var intake = new LifecycleTimes();
var intakeCount = quick ? 50 : 200;
const int IntakeConcurrency = 10;
var intakeWatch = Stopwatch.StartNew();
var nextIntake = 0;
await Task.WhenAll(Enumerable.Range(0, IntakeConcurrency).Select(async _ =>
{
    using var rita = bench.App.ClientAs("rita");
    while (Interlocked.Increment(ref nextIntake) <= intakeCount)
    {
        var request = new Delivery.Functions.Tests.Infrastructure.ProjectRequestBuilder().With("title", $"Intake {BenchApp.EmailOf(appTag, "rita-intake")}");
        await lifecycle.IntakeAsync(intake, rita, request);
    }
}));
var cosmosWriteP95 = new[] { raw.Find("cosmos create"), raw.Find("cosmos replace") }.Max(r => r!.Latency.Percentile(95));
report.Section($"(4) Intake POST /api/projects, {intakeCount} requests, {IntakeConcurrency} in flight ({intakeCount / intakeWatch.Elapsed.TotalSeconds:F0} requests/s)");
report.Line($"  {intake.Intake.P50P95}; p95 / raw Cosmos write p95 (worse of create, replace at 64 in flight: {cosmosWriteP95:F1} ms) = {intake.Intake.Percentile(95) / cosmosWriteP95:F2}");
report.Line($"  (at 1 in flight during (3): {times1.Intake.P50P95}; at {InFlight} in flight: {times50.Intake.P50P95})");

report.Section($"(5) Email latencies (maildev polled every {MailWatcher.Interval.TotalMilliseconds:F0} ms: add up to that)");
foreach (var (label, t) in new[] { ("1 in flight", times1), ($"{InFlight} in flight", times50) })
{
    report.Line($"  {label}: intake -> receipt email         {t.IntakeToReceipt.P50P95}");
    report.Line($"  {label}: submit -> first approver email  {t.SubmitToFirstApproverEmail.P50P95}");
    report.Line($"  {label}: decision -> next approver email {t.DecisionToNextApproverEmail.P50P95}");
}

await bench.DisposeAsync();

// (6) tuning: one setting changed at a time from the reference (2 partitions, 500 ms); a new app and task hub each.
var tuning = new List<(string Name, int Partitions, TimeSpan Polling)>
{
    ("partitions 1, polling 500 ms", 1, TimeSpan.FromMilliseconds(500)),
    ("partitions 2, polling 500 ms (reference)", 2, TimeSpan.FromMilliseconds(500)),
    ("partitions 4, polling 500 ms", 4, TimeSpan.FromMilliseconds(500)),
    ("partitions 2, polling 100 ms", 2, TimeSpan.FromMilliseconds(100)),
    ("partitions 2, polling 2 s", 2, TimeSpan.FromSeconds(2)),
};
var tuneCount = 50;
report.Section($"(6) Tuning: {tuneCount} lifecycles at {InFlight} in flight per setting, each on a new app and task hub");
var results = new List<(string Name, double Rate, double P50)>();
for (var i = 0; i < tuning.Count; i++)
{
    var (name, partitions, polling) = tuning[i];
    var tag = $"{run}c{i + 1}";
    await using var app = await BenchApp.StartAsync(tag, partitions, polling);
    var driver = new Lifecycle(app.App, mail, p => BenchApp.EmailOf(tag, p));
    await driver.RunManyAsync(2, 2, new LifecycleTimes());
    app.Requests.Reset();
    var t = new LifecycleTimes();
    var (s, counts, c) = await MeasureAsync(app.Requests, () => driver.RunManyAsync(tuneCount, InFlight, t));
    var done = tuneCount - t.Failures;
    results.Add((name, done / s, t.EndToEnd.Percentile(50)));
    report.Line($"  {name,-42} {done / s,6:F2} lifecycles/s, end-to-end {t.EndToEnd.P50P95}, {counts.Values.Sum() / (double)done:F0} storage requests/lifecycle, {t.Failures} failed; {Cpu(c, s, done)}");
}

var reference = results.Single(r => r.Name.Contains("reference", StringComparison.Ordinal));
foreach (var r in results.Where(r => r != reference))
{
    report.Line($"  {r.Name}: {r.Rate / reference.Rate:F2}x the reference's throughput, p50 end-to-end {r.P50 / reference.P50:F2}x");
}

report.Line(string.Empty);
report.Line($"Total run time {total.Elapsed.TotalMinutes:F1} min.");
report.Save(Path.Combine(AppContext.BaseDirectory, "last-run.txt"));

async Task<(double Seconds, Dictionary<string, long> Counts, Dictionary<string, double> Cpu)> MeasureAsync(RequestCounter counter, Func<Task<TimeSpan>> work)
{
    counter.Reset();
    var before = cpu.Read();
    var elapsed = await work();
    var after = cpu.Read();
    return (elapsed.TotalSeconds, counter.Snapshot(), after.ToDictionary(a => a.Key, a => a.Value - before[a.Key]));
}

static string Mix(Dictionary<string, long> counts, double per, string unit) => string.Join(", ", RequestCounter.Services.Select(s =>
    $"{s} {counts.Where(c => c.Key.StartsWith(s + "|", StringComparison.Ordinal)).Sum(c => c.Value) / per:F1}{unit}"));

(double Value, string Text) Bound(Dictionary<string, long> counts, int done)
{
    var perService = RequestCounter.Services.Select(s =>
    {
        var requests = counts.Where(c => c.Key.StartsWith(s + "|", StringComparison.Ordinal)).Sum(c => c.Value) / (double)done;
        return (Service: s, Requests: requests, Bound: raw.ServiceRequestRate(s) / requests);
    }).Where(b => b.Requests > 0).ToList();
    var min = perService.MinBy(b => b.Bound);
    return (min.Bound, $"{min.Bound:F1} lifecycles/s ({min.Service}); " + string.Join(", ", perService.Select(b => $"{b.Service} {raw.ServiceRequestRate(b.Service):F0}/s / {b.Requests:F1} = {b.Bound:F1}")));
}

static string Cpu(Dictionary<string, double> used, double seconds, int done) => string.Join(", ", used.Select(u =>
    $"{u.Key} {u.Value / seconds:F2} cores ({u.Value * 1000 / Math.Max(done, 1):F0} ms/lifecycle)"));
