using System.Diagnostics;
using System.Net;
using System.Text;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Benchmarks;

/// <summary>(a) The local services' own rates for the operations the runtime uses, with 64 requests in flight.</summary>
internal sealed class RawRates(CosmosClient cosmos, QueueServiceClient queues, string prefix)
{
    // Requests in flight: about what 50 instances in flight keep outstanding.
    private const int Concurrency = 64;

    private const int DrainDepth = 512;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);
    private static readonly string Payload = "{\"kind\":\"TaskCompleted\",\"result\":\"" + new string('r', 1500) + "\"}";

    public double PointRead { get; private set; }

    public double Replace { get; private set; }

    public double Create { get; private set; }

    public double Enqueue { get; private set; }

    public double DequeueDelete { get; private set; }

    /// <summary>Milliseconds per request with one in flight: read, replace, enqueue, receive(1)+delete.</summary>
    public (double Read, double Replace, double Enqueue, double ReceiveDelete) Latency { get; private set; }

    public async Task MeasureAsync()
    {
        var database = (await cosmos.CreateDatabaseIfNotExistsAsync($"{prefix}-raw")).Database;
        var container = (await database.CreateContainerIfNotExistsAsync("raw", "/instanceId")).Container;
        var queue = queues.GetQueueClient($"{prefix}-raw");
        await queue.CreateIfNotExistsAsync();
        try
        {
            var ids = Enumerable.Range(0, Concurrency).Select(i => $"raw-{i}").ToArray();
            foreach (var id in ids)
            {
                await container.UpsertItemStreamAsync(Document(id), new PartitionKey(id));
            }

            Create = await RateAsync(async (worker, n) =>
            {
                var id = $"new-{worker}-{n}";
                using var response = await container.CreateItemStreamAsync(Document(id), new PartitionKey(id));
                Ensure(response);
            });
            PointRead = await RateAsync(async (worker, _) =>
            {
                using var response = await container.ReadItemStreamAsync(ids[worker], new PartitionKey(ids[worker]));
                Ensure(response);
            });
            var etags = new string[Concurrency];
            Replace = await RateAsync(async (worker, _) =>
            {
                var id = ids[worker];
                using var response = await container.ReplaceItemStreamAsync(
                    Document(id), id, new PartitionKey(id), new ItemRequestOptions { IfMatchEtag = etags[worker] });
                Ensure(response);
                etags[worker] = response.Headers.ETag;
            });
            var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(Payload));
            Enqueue = await RateAsync(async (_, _) => await queue.SendMessageAsync(body));

            // Drained from a queue as shallow as the runtime's own (Azurite slows down as a queue gets deep), not
            // from the thousands of messages the enqueue run left.
            await queue.ClearMessagesAsync();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
            {
                for (var i = 0; i < DrainDepth / Concurrency; i++)
                {
                    await queue.SendMessageAsync(body);
                }
            }));
            DequeueDelete = await DrainRateAsync(queue);
            Latency = await MeasureLatencyAsync(container, queue, ids[0], body);
        }
        finally
        {
            await database.DeleteAsync();
            await queue.DeleteIfExistsAsync();
        }
    }

    private static async Task<(double, double, double, double)> MeasureLatencyAsync(Container container, QueueClient queue, string id, string body)
    {
        const int N = 50;
        async Task<double> TimeAsync(Func<Task> operation)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < N; i++)
            {
                await operation();
            }

            return stopwatch.Elapsed.TotalMilliseconds / N;
        }

        var read = await TimeAsync(async () => (await container.ReadItemStreamAsync(id, new PartitionKey(id))).Dispose());
        var replace = await TimeAsync(async () => (await container.ReplaceItemStreamAsync(Document(id), id, new PartitionKey(id))).Dispose());
        var enqueue = await TimeAsync(() => queue.SendMessageAsync(body));
        var receive = await TimeAsync(async () =>
        {
            var message = (await queue.ReceiveMessagesAsync(1)).Value[0];
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        });
        return (read, replace, enqueue, receive);
    }

    public void Print()
    {
        Console.WriteLine($"(a) raw rates of the local services, {Concurrency} requests in flight (queue drained from {DrainDepth} messages), ~1.5 KB documents/messages");
        Console.WriteLine($"    Cosmos point read           {PointRead,8:F0} /s");
        Console.WriteLine($"    Cosmos replace with ETag    {Replace,8:F0} /s");
        Console.WriteLine($"    Cosmos create               {Create,8:F0} /s");
        Console.WriteLine($"    Queue enqueue               {Enqueue,8:F0} /s");
        Console.WriteLine($"    Queue dequeue(32)+delete    {DequeueDelete,8:F0} messages/s");
        Console.WriteLine($"    one request at a time: read {Latency.Read:F1} ms, replace {Latency.Replace:F1} ms, enqueue {Latency.Enqueue:F1} ms, receive+delete {Latency.ReceiveDelete:F1} ms");
    }

    private static MemoryStream Document(string id) =>
        new(Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"instanceId\":\"{id}\",\"history\":[\"{Payload.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]}}"));

    private static void Ensure(ResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"Unexpected {(int)response.StatusCode}: {response.ErrorMessage}");
        }
    }

    /// <summary>Messages/s with the runtime's pattern (4 receivers taking up to 32, deleting each), draining what the enqueue step left.</summary>
    private static async Task<double> DrainRateAsync(QueueClient queue)
    {
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (true)
            {
                var messages = (await queue.ReceiveMessagesAsync(32)).Value;
                if (messages.Length == 0)
                {
                    return;
                }

                await Task.WhenAll(messages.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
                Interlocked.Add(ref count, messages.Length);
                last = stopwatch.Elapsed;
            }
        }));
        return count / last.TotalSeconds;
    }

    private static Task<double> RateAsync(Func<int, int, Task> operation) =>
        RateAsync(async (worker, n) =>
        {
            await operation(worker, n);
            return 1;
        });

    private static async Task<double> RateAsync(Func<int, int, Task<int>> operation, int concurrency = Concurrency)
    {
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var n = 0; stopwatch.Elapsed < Duration; n++)
            {
                Interlocked.Add(ref count, await operation(worker, n));
            }
        }));
        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
