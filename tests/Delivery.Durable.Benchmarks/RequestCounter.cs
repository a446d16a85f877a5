using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Benchmarks;

/// <summary>Counts the HTTP requests the runtime sends to Cosmos DB, the queue and Blob Storage.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public RequestHandler CosmosHandler => new CosmosCounting(this);

    public HttpPipelinePolicy StoragePolicy(string service) => new StorageCounting(this, service);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts);

    public void Reset() => _counts.Clear();

    private void Add(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    private sealed class CosmosCounting(RequestCounter counter) : RequestHandler
    {
        public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri.OriginalString;
            var container = path.Contains("durable-index", StringComparison.Ordinal) ? "index" : "instances";
            counter.Add($"cosmos {request.Method.Method} {container}");
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class StorageCounting(RequestCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            await ProcessNextAsync(message, pipeline);
        }

        private void Count(HttpMessage message)
        {
            var method = message.Request.Method.Method;
            var kind = service == "queue" && method == "GET" ? "receive" : method;
            counter.Add($"{service} {kind}");
        }
    }
}
