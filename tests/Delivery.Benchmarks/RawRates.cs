using System.Diagnostics;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;

namespace Delivery.Benchmarks;

/// <summary>One raw operation's figures at <see cref="RawRates.Concurrency"/> requests in flight.</summary>
internal sealed record RawResult(string Service, string Name, double OpsPerSecond, double RequestsPerSecond, Samples Latency, string Note = "");

/// <summary>
/// (1) The local services' own rates, small payloads, <see cref="Concurrency"/> requests in flight for
/// <see cref="Duration"/> each: Azurite queue/table/blob and the local Cosmos server (through the app's own client).
/// </summary>
internal sealed class RawRates(Database cosmos, string prefix)
{
    public const int Concurrency = 64;

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    private static readonly string Payload = "{\"kind\":\"TaskCompleted\",\"result\":\"" + new string('r', 900) + "\"}";

    public List<RawResult> Results { get; } = [];

    /// <summary>Raw requests/s of a storage service: all its measured requests over all its measured time.</summary>
    public double ServiceRequestRate(string service)
    {
        var results = Results.Where(r => r.Service == service).ToList();
        return results.Count == 0 ? double.NaN : results.Count / results.Sum(r => 1 / r.RequestsPerSecond);
    }

    public RawResult? Find(string name) => Results.SingleOrDefault(r => r.Name == name);

    public async Task MeasureAsync()
    {
        const string Storage = "UseDevelopmentStorage=true";
        var name = prefix.Replace("-", string.Empty, StringComparison.Ordinal);
        var queue = new QueueServiceClient(Storage).GetQueueClient($"{prefix}-raw");
        var table = new TableServiceClient(Storage).GetTableClient($"{name}raw");
        var blobs = new BlobServiceClient(Storage).GetBlobContainerClient($"{prefix}-raw");
        await queue.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();
        await blobs.CreateIfNotExistsAsync();
        var container = (await cosmos.CreateContainerIfNotExistsAsync("benchraw", "/id")).Container;
        try
        {
            var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(Payload));
            var send = await RateAsync("queue", "queue send", async (_, _) => await queue.SendMessageAsync(body));
            var depth = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            await ReceiveDeleteAsync(queue, depth);

            var keys = Enumerable.Range(0, Concurrency).Select(i => $"k{i}").ToArray();
            foreach (var key in keys)
            {
                await table.UpsertEntityAsync(new TableEntity("p", key) { ["Payload"] = Payload });
            }

            await RateAsync("table", "table insert", async (worker, n) => await table.AddEntityAsync(new TableEntity($"w{worker}", $"n{n}") { ["Payload"] = Payload }));
            await RateAsync("table", "table point query", async (worker, _) => await table.GetEntityAsync<TableEntity>("p", keys[worker]));

            var content = BinaryData.FromString(Payload);
            foreach (var key in keys)
            {
                await blobs.GetBlobClient(key).UploadAsync(content, overwrite: true);
            }

            await RateAsync("blob", "blob upload", async (worker, n) => await blobs.GetBlobClient($"w{worker}-{n}").UploadAsync(content));
            await RateAsync("blob", "blob download", async (worker, _) => await blobs.GetBlobClient(keys[worker]).DownloadContentAsync());

            foreach (var key in keys)
            {
                using var _ = await container.UpsertItemStreamAsync(Document(key), new PartitionKey(key));
            }

            await RateAsync("cosmos", "cosmos point read", async (worker, _) =>
            {
                using var response = await container.ReadItemStreamAsync(keys[worker], new PartitionKey(keys[worker]));
                Ensure(response);
            });
            await RateAsync("cosmos", "cosmos create", async (worker, n) =>
            {
                var id = $"w{worker}-{n}";
                using var response = await container.CreateItemStreamAsync(Document(id), new PartitionKey(id));
                Ensure(response);
            });
            await RateAsync("cosmos", "cosmos replace", async (worker, _) =>
            {
                using var response = await container.ReplaceItemStreamAsync(Document(keys[worker]), keys[worker], new PartitionKey(keys[worker]));
                Ensure(response);
            });
            _ = send;
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
            await table.DeleteAsync();
            await blobs.DeleteIfExistsAsync();
            await container.DeleteContainerStreamAsync();
        }
    }

    /// <summary>Receive up to 32 and delete each received message, 64 receivers, from what the send run left.</summary>
    private async Task ReceiveDeleteAsync(QueueClient queue, int depth)
    {
        var messages = 0;
        var requests = 0;
        var latency = new Samples();
        var stopwatch = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (stopwatch.Elapsed < Duration)
            {
                var start = Stopwatch.GetTimestamp();
                var received = (await queue.ReceiveMessagesAsync(32)).Value;
                if (received.Length == 0)
                {
                    return;
                }

                // One request in flight per receiver, as for the other operations: the deletes one after another.
                foreach (var m in received)
                {
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }

                latency.AddSince(start);
                Interlocked.Add(ref messages, received.Length);
                Interlocked.Add(ref requests, 1 + received.Length);
                last = stopwatch.Elapsed;
            }
        }));
        var seconds = Math.Max(last.TotalSeconds, 0.001);
        Results.Add(new RawResult("queue", "queue receive(32)+delete", messages / seconds, requests / seconds, latency,
            $"ops = messages; latency per receive+deletes batch; drained from {depth} messages"));
    }

    private async Task<RawResult> RateAsync(string service, string name, Func<int, int, Task> operation)
    {
        var count = 0;
        var latency = new Samples();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            for (var n = 0; stopwatch.Elapsed < Duration; n++)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(worker, n);
                latency.AddSince(start);
                Interlocked.Increment(ref count);
            }
        }));
        var rate = count / stopwatch.Elapsed.TotalSeconds;
        var result = new RawResult(service, name, rate, rate, latency);
        Results.Add(result);
        return result;
    }

    private static MemoryStream Document(string id) =>
        new(Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"payload\":\"{new string('d', 900)}\"}}"));

    private static void Ensure(ResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"Unexpected {(int)response.StatusCode}: {response.ErrorMessage}");
        }
    }
}
