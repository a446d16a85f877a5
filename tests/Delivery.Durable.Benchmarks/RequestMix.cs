namespace Delivery.Durable.Benchmarks;

/// <summary>Requests of one unit of work (an orchestration or an activity round-trip), by kind.</summary>
internal sealed record RequestMix(double CosmosReads, double CosmosWrites, double CosmosCreates, double IndexRequests, double Enqueues, double Receives, double Deletes, double Blobs)
{
    public double Cosmos => CosmosReads + CosmosWrites + CosmosCreates + IndexRequests;

    public double Queue => Enqueues + Receives + Deletes;

    public static RequestMix From(IReadOnlyDictionary<string, long> requests, double units)
    {
        double Get(string key) => requests.TryGetValue(key, out var n) ? n / units : 0;
        return new RequestMix(
            Get("cosmos GET instances"),
            Get("cosmos PUT instances"),
            Get("cosmos POST instances"),
            Get("cosmos GET index") + Get("cosmos PUT index") + Get("cosmos POST index") + Get("cosmos DELETE index"),
            Get("queue POST"),
            Get("queue receive"),
            Get("queue DELETE") + Get("queue PUT"),
            requests.Where(r => r.Key.StartsWith("blob", StringComparison.Ordinal)).Sum(r => r.Value) / units);
    }

    public static RequestMix operator -(RequestMix a, RequestMix b) => new(
        a.CosmosReads - b.CosmosReads, a.CosmosWrites - b.CosmosWrites, a.CosmosCreates - b.CosmosCreates, a.IndexRequests - b.IndexRequests,
        a.Enqueues - b.Enqueues, a.Receives - b.Receives, a.Deletes - b.Deletes, a.Blobs - b.Blobs);

    public RequestMix Per(double units) => new(
        CosmosReads / units, CosmosWrites / units, CosmosCreates / units, IndexRequests / units, Enqueues / units, Receives / units, Deletes / units, Blobs / units);

    /// <summary>Seconds of Cosmos server time for this mix at the raw rates (index writes cost as replaces).</summary>
    public double CosmosSeconds(RawRates raw) =>
        (CosmosReads / raw.PointRead) + ((CosmosWrites + IndexRequests) / raw.Replace) + (CosmosCreates / raw.Create);

    /// <summary>Seconds of queue server time: sends at the enqueue rate, deletes at the dequeue+delete rate (which includes its receives).</summary>
    public double QueueSeconds(RawRates raw) => (Enqueues / raw.Enqueue) + (Deletes / raw.DequeueDelete);

    public override string ToString() =>
        $"Cosmos {Cosmos,5:F2} (read {CosmosReads:F2}, replace {CosmosWrites:F2}, create {CosmosCreates:F2}, index {IndexRequests:F2}) | "
        + $"queue {Queue,5:F2} (send {Enqueues:F2}, receive {Receives:F2}, delete {Deletes:F2}) | blob {Blobs:F2}";
}
