using Microsoft.Azure.Cosmos;

namespace Delivery.Benchmarks;

/// <summary>The app's Cosmos client settings, with a handler that counts every request it sends (retries too).</summary>
internal sealed class CosmosCounter : RequestHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Requests by kind (point read, query plan, query page, ...) since the last call, per view.</summary>
    public string TakeKinds(int views)
    {
        var kinds = _kinds.ToArray();
        _kinds.Clear();
        return string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value / (double)views:F2}"));
    }

    public CosmosClientOptions Options() => new()
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        UseSystemTextJsonSerializerWithOptions = Delivery.Functions.App.Storage.CosmosClientFactory.JsonOptions,
        HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }),
        CustomHandlers = { this },
    };

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        var kind = request.Headers["x-ms-cosmos-is-query-plan-request"] is { } plan && plan.Equals("true", StringComparison.OrdinalIgnoreCase)
            ? "query plan"
            : request.Method == HttpMethod.Post && request.Headers["x-ms-documentdb-isquery"] is not { } query ? "create"
            : request.Method == HttpMethod.Post ? "query page"
            : request.Method == HttpMethod.Get && request.RequestUri.OriginalString.Contains("/docs/", StringComparison.Ordinal) ? "point read"
            : request.Method == HttpMethod.Put ? "replace"
            : $"{request.Method} {request.RequestUri.OriginalString.Split('/')[^1]}";
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
