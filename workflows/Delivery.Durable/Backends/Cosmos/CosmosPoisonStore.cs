using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// Poison messages as documents in the index container's <c>poison</c> partition: listable in full with one
/// single-partition query (a Storage queue can only be peeked 32 messages deep), kept with their last error.
/// </summary>
public sealed class CosmosPoisonStore : IPoisonStore
{
    internal const string Partition = "poison";
    private const int MaxErrorLength = 16 * 1024;
    private readonly Container _container;
    private readonly PayloadStore _payloads;
    private readonly CosmosTaskHubOptions _options;

    internal CosmosPoisonStore(Container container, PayloadStore payloads, CosmosTaskHubOptions options)
    {
        _container = container;
        _payloads = payloads;
        _options = options;
    }

    public async Task AddAsync(PoisonMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new PayloadSlot { Value = message.Body };
        if (message.Body.Length > _options.PayloadThresholdBytes / 3)
        {
            body = new PayloadSlot { Blob = await _payloads.PutAsync(Partition + "-" + message.Id, "body", message.Body, cancellationToken) };
        }

        var document = new PoisonDocument
        {
            Id = CosmosIds.DocumentId(message.Id),
            MessageId = message.Id,
            Body = body,
            DequeueCount = message.DequeueCount,
            Error = message.Error.Length > MaxErrorLength ? message.Error[..MaxErrorLength] : message.Error,
            FailedAt = message.FailedAt,
        };
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, InstanceDocumentMapper.Json));
        using var response = await _container.UpsertItemStreamAsync(
            stream, new PartitionKey(Partition), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<PoisonMessage>> ListAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<PoisonMessage>();
        using var iterator = _container.GetItemQueryStreamIterator(
            new QueryDefinition("SELECT * FROM c WHERE c.bucket = @bucket").WithParameter("@bucket", Partition),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(Partition), MaxItemCount = 500 });
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }

            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var element in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                var document = element.Deserialize<PoisonDocument>(InstanceDocumentMapper.Json)!;
                var body = document.Body.Blob is { } blob ? await _payloads.GetAsync(blob, cancellationToken) : document.Body.Value ?? "";
                results.Add(new PoisonMessage(document.MessageId, body, document.DequeueCount, document.Error, document.FailedAt));
            }
        }

        return results.OrderBy(m => m.FailedAt).ToList();
    }

    private sealed class PoisonDocument
    {
        [JsonPropertyName("id")]
        public required string Id { get; set; }

        [JsonPropertyName("bucket")]
        public string Bucket { get; set; } = Partition;

        [JsonPropertyName("messageId")]
        public required string MessageId { get; set; }

        [JsonPropertyName("body")]
        public required PayloadSlot Body { get; set; }

        [JsonPropertyName("dequeueCount")]
        public int DequeueCount { get; set; }

        [JsonPropertyName("error")]
        public required string Error { get; set; }

        [JsonPropertyName("failedAt")]
        public DateTimeOffset FailedAt { get; set; }
    }
}
