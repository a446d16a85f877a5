using Delivery.Durable.Tests.Cosmos;
using Delivery.Durable.Benchmarks;

// dotnet run -c Release --project tests/Delivery.Durable.Benchmarks
// Runs against the local services (Cosmos server on 8081, Azurite) in databases/queues of its own, removed at the end.
var prefix = $"bench-{Guid.NewGuid().ToString("N")[..8]}";
var raw = new RawRates(LocalServices.CreateCosmosClient(), LocalServices.Queues(), prefix);
await raw.MeasureAsync();
raw.Print();
if (args.Contains("--raw-only"))
{
    return;
}

await using var runner = await WorkflowRunner.StartAsync(prefix);
await runner.RunReferenceAsync(count: 3, concurrency: 3, timerMilliseconds: 0, "warmup");

// (b) requests per reference orchestration, and per activity round-trip (chains of 10 minus chains of 0).
const int Sample = 10;
runner.ResetCounts();
await runner.RunReferenceAsync(Sample, Sample, timerMilliseconds: 0, "count-ref");
var perOrchestration = RequestMix.From(runner.Requests.Snapshot(), Sample);
var backendCalls = runner.Backend.Snapshot();
runner.ResetCounts();
await runner.RunChainsAsync(Sample, 10, "count-chain10");
var chain10 = RequestMix.From(runner.Requests.Snapshot(), Sample);
runner.ResetCounts();
await runner.RunChainsAsync(Sample, 0, "count-chain0");
var chain0 = RequestMix.From(runner.Requests.Snapshot(), Sample);
var perActivity = (chain10 - chain0).Per(10);
Console.WriteLine();
Console.WriteLine("(b) requests (HTTP, counted under the SDKs) for the reference workflow");
Console.WriteLine($"    per orchestration      {perOrchestration}");
Console.WriteLine($"    per activity round-trip {perActivity}");
Console.WriteLine("    backend calls per reference orchestration: "
    + string.Join(", ", backendCalls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value / (double)Sample:F1}")));

// (c) throughput with 1 and with 50 instances in flight (timer of 0 s so the clock does not dominate).
runner.ResetCounts();
var single = await runner.RunReferenceAsync(count: 5, concurrency: 1, timerMilliseconds: 0, "one");
var singleRate = 5 / single.TotalSeconds;
runner.ResetCounts();
const int Many = 150;
var fifty = await runner.RunReferenceAsync(count: Many, concurrency: 50, timerMilliseconds: 0, "fifty");
var fiftyRate = Many / fifty.TotalSeconds;
var fiftyMix = RequestMix.From(runner.Requests.Snapshot(), Many);
Console.WriteLine();
Console.WriteLine("(c) throughput of the reference workflow (6 activities, 2 orchestrations each)");
Console.WriteLine($"    1 instance at a time   {singleRate,7:F2} orchestrations/s  {singleRate * BenchWorkflows.ReferenceActivities,7:F1} activities/s");
Console.WriteLine($"    50 instances in flight {fiftyRate,7:F2} orchestrations/s  {fiftyRate * BenchWorkflows.ReferenceActivities,7:F1} activities/s");
Console.WriteLine($"    requests per orchestration during the 50-instance run: {fiftyMix}");

// (d) the bound (a) and (b) imply: both servers share the machine's cores, so their times add up.
var cosmosSeconds = perOrchestration.CosmosSeconds(raw);
var queueSeconds = perOrchestration.QueueSeconds(raw);
var serialBound = 1 / (cosmosSeconds + queueSeconds);
var parallelBound = 1 / Math.Max(cosmosSeconds, queueSeconds);
Console.WriteLine();
Console.WriteLine("(d) measured / bound, per orchestration: Cosmos " + $"{cosmosSeconds * 1000:F1} ms + queue {queueSeconds * 1000:F1} ms of server time at the raw rates");
Console.WriteLine($"    bound (servers share the cores)    {serialBound,7:F2} orchestrations/s -> 50 in flight: {fiftyRate / serialBound:F2}, 1 at a time: {singleRate / serialBound:F2}");
Console.WriteLine($"    bound (servers independent)        {parallelBound,7:F2} orchestrations/s -> 50 in flight: {fiftyRate / parallelBound:F2}");
