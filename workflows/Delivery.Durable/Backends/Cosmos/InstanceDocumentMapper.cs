using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// Turns an <see cref="InstanceRecord"/> into its document and back, moving large strings to Blob Storage so that
/// the document stays under the Cosmos DB size limit.
/// </summary>
internal sealed class InstanceDocumentMapper(PayloadStore payloads, CosmosTaskHubOptions options)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // History entries are JSON inside JSON: relaxed escaping keeps them close to their own size.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string HistoryField = "history";
    private const string PendingField = "pending";

    public async Task<byte[]> ToDocumentBytesAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var id = record.InstanceId;
        var document = new InstanceDocument
        {
            Id = CosmosIds.DocumentId(id),
            InstanceId = id,
            ExecutionId = record.ExecutionId,
            Name = record.Name,
            Version = record.Version,
            RuntimeStatus = record.RuntimeStatus,
            CreatedAt = record.CreatedAt,
            LastUpdatedAt = record.LastUpdatedAt,
            ParentInstanceId = record.ParentInstanceId,
            ParentExecutionId = record.ParentExecutionId,
            ParentTaskId = record.ParentTaskId,
        };

        var pending = new List<Task>();
        document.Input = Slot(id, "input", record.SerializedInput, pending, cancellationToken);
        document.Output = Slot(id, "output", record.SerializedOutput, pending, cancellationToken);
        document.CustomStatus = Slot(id, "customStatus", record.SerializedCustomStatus, pending, cancellationToken);
        document.FailureDetails = Slot(id, "failure", record.SerializedFailureDetails, pending, cancellationToken);
        document.History = record.History.ConvertAll(e => Slot(id, HistoryField, e, pending, cancellationToken)!);
        document.PendingEvents = record.PendingEvents.ConvertAll(e => Slot(id, PendingField, e, pending, cancellationToken)!);
        await Task.WhenAll(pending);

        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        if (bytes.Length > options.MaxDocumentBytes)
        {
            await OffloadLargestAsync(document, bytes.Length - options.MaxDocumentBytes, cancellationToken);
            bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        }

        return bytes;
    }

    public static InstanceDocument Parse(Stream content) =>
        JsonSerializer.Deserialize<InstanceDocument>(content, Json) ?? throw new InvalidDataException("Empty instance document.");

    public async Task<InstanceRecord> ToRecordAsync(InstanceDocument document, string? etag, CancellationToken cancellationToken)
    {
        var input = ResolveAsync(document.Input, cancellationToken);
        var output = ResolveAsync(document.Output, cancellationToken);
        var customStatus = ResolveAsync(document.CustomStatus, cancellationToken);
        var failure = ResolveAsync(document.FailureDetails, cancellationToken);
        var history = Task.WhenAll(document.History.Select(s => ResolveAsync(s, cancellationToken)));
        var pendingEvents = Task.WhenAll(document.PendingEvents.Select(s => ResolveAsync(s, cancellationToken)));
        await Task.WhenAll(input, output, customStatus, failure, history, pendingEvents);

        return new InstanceRecord
        {
            InstanceId = document.InstanceId,
            ExecutionId = document.ExecutionId,
            Name = document.Name,
            Version = document.Version,
            RuntimeStatus = document.RuntimeStatus,
            CreatedAt = document.CreatedAt,
            LastUpdatedAt = document.LastUpdatedAt,
            SerializedInput = await input,
            SerializedOutput = await output,
            SerializedCustomStatus = await customStatus,
            SerializedFailureDetails = await failure,
            ParentInstanceId = document.ParentInstanceId,
            ParentExecutionId = document.ParentExecutionId,
            ParentTaskId = document.ParentTaskId,
            History = [.. (await history).Select(e => e!)],
            PendingEvents = [.. (await pendingEvents).Select(e => e!)],
            ETag = etag,
        };
    }

    private PayloadSlot? Slot(string instanceId, string field, string? value, List<Task> uploads, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }

        // Counting UTF-8 bytes is only needed near the threshold: a char is at most 3 bytes.
        if (value.Length * 3 <= options.PayloadThresholdBytes || Encoding.UTF8.GetByteCount(value) <= options.PayloadThresholdBytes)
        {
            return new PayloadSlot { Value = value };
        }

        var slot = new PayloadSlot { Blob = PayloadStore.BlobName(instanceId, field, value) };
        uploads.Add(payloads.PutAsync(instanceId, field, value, cancellationToken));
        return slot;
    }

    private async Task OffloadLargestAsync(InstanceDocument document, int bytesToSave, CancellationToken cancellationToken)
    {
        var fields = new (PayloadSlot? Slot, string Field)[]
        {
            (document.Input, "input"), (document.Output, "output"), (document.CustomStatus, "customStatus"), (document.FailureDetails, "failure"),
        };
        var candidates = document.History.Select(s => (Slot: (PayloadSlot?)s, Field: HistoryField))
            .Concat(document.PendingEvents.Select(s => (Slot: (PayloadSlot?)s, Field: PendingField)))
            .Concat(fields)
            .Where(c => c.Slot?.Value is { Length: > 256 })
            .OrderByDescending(c => c.Slot!.Value!.Length)
            .ToList();

        var uploads = new List<Task>();
        var saved = 0;
        foreach (var (slot, field) in candidates)
        {
            if (saved >= bytesToSave)
            {
                break;
            }

            var value = slot!.Value!;
            saved += Encoding.UTF8.GetByteCount(value) - 100;
            slot.Blob = PayloadStore.BlobName(document.InstanceId, field, value);
            slot.Value = null;
            uploads.Add(payloads.PutAsync(document.InstanceId, field, value, cancellationToken));
        }

        await Task.WhenAll(uploads);
    }

    private async Task<string?> ResolveAsync(PayloadSlot? slot, CancellationToken cancellationToken) =>
        slot switch
        {
            null => null,
            { Blob: { } blob } => await payloads.GetAsync(blob, cancellationToken),
            _ => slot.Value,
        };
}
