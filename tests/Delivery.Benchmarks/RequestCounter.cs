using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Delivery.Benchmarks;

/// <summary>
/// Counts every HTTP request the engine's DurableTask.AzureStorage clients send to Azurite, by service and
/// operation, through an Azure SDK pipeline policy added with <c>StandaloneDurableOptions.ConfigureStorageClientOptions</c>.
/// Retries count again (the policy sits per retry).
/// </summary>
internal sealed class RequestCounter
{
    public static readonly string[] Services = ["queue", "table", "blob"];

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Configure(ClientOptions options)
    {
        var service = options switch
        {
            QueueClientOptions => "queue",
            TableClientOptions => "table",
            BlobClientOptions => "blob",
            _ => "other",
        };
        options.AddPolicy(new Counting(this, service), HttpPipelinePosition.PerRetry);
    }

    public Dictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    private void Add(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>A readable operation name from the REST call (method, path shape and query).</summary>
    internal static string Operation(string service, string method, Uri uri)
    {
        var path = uri.AbsolutePath;
        var query = uri.Query;
        var comp = System.Web.HttpUtility.ParseQueryString(query)["comp"];
        return service switch
        {
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) => method switch
            {
                "GET" when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "peek",
                "GET" => "receive",
                "POST" => "send",
                "DELETE" => "clear",
                _ => method,
            },
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) => method switch
            {
                "DELETE" => "delete message",
                "PUT" => "update message",
                _ => method,
            },
            "queue" => comp is null ? $"{method} queue" : $"{method} {comp}",
            "table" when path.EndsWith("$batch", StringComparison.Ordinal) => "batch",
            "table" when method == "GET" && path.Contains("PartitionKey=", StringComparison.Ordinal) && path.Contains("RowKey=", StringComparison.Ordinal) => "point query",
            "table" when method == "GET" => "query",
            "table" when method == "POST" => "insert",
            "table" when method is "PUT" => "update",
            "table" when method is "MERGE" or "PATCH" => "merge",
            "table" when method == "DELETE" => "delete",
            "blob" when comp is not null => $"{method} {comp}",
            "blob" => method switch
            {
                "GET" => "download",
                "PUT" => "upload",
                "HEAD" => "properties",
                "DELETE" => "delete",
                _ => method,
            },
            _ => method,
        };
    }

    private sealed class Counting(RequestCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Count(HttpMessage message) =>
            counter.Add($"{service}|{Operation(service, message.Request.Method.Method, message.Request.Uri.ToUri())}");
    }
}
