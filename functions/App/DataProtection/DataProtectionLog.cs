using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.App.DataProtection;

/// <summary>What a data protection job was.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataProtectionJob>))]
public enum DataProtectionJob
{
    SubjectAccess,
    Erasure,
    Retention,
}

/// <summary>
/// One data protection job, kept for the council's records of processing: who asked, when it was received and when
/// the law says it is due (a subject access request within a calendar month), when it was done and what it touched.
/// The person is named only by their pseudonym, so the log itself never undoes an erasure.
/// </summary>
public sealed record DataProtectionRecord
{
    public const string DocumentType = "data-protection-job";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = DataProtectionLog.ViewId;

    public string Type { get; init; } = DocumentType;

    public required DataProtectionJob Job { get; init; }

    /// <summary>The person's pseudonym code; for retention, the project's id.</summary>
    public required string Subject { get; init; }

    /// <summary>The administrator's sign-in id, or "system" for the retention timer.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The statutory deadline: one calendar month after the request was received.</summary>
    public required DateTimeOffset DueBy { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public string? Reason { get; init; }

    public required int Projects { get; init; }

    public required int Documents { get; init; }

    public required int Files { get; init; }

    /// <summary>Files that mention the person but are not text this product can rewrite (an uploaded PDF, say): for a person to review.</summary>
    public IReadOnlyList<string> FilesToReview { get; init; } = [];
}

/// <summary>The log of data protection jobs, in its own partition of the views container.</summary>
public sealed class DataProtectionLog(Database database)
{
    /// <summary>The views partition holding the log and the pseudonym key; no job ever reads or rewrites it as personal data.</summary>
    public const string ViewId = "data-protection";

    private readonly Container _views = database.GetContainer(DataContainers.Views);

    public async Task WriteAsync(DataProtectionRecord record, CancellationToken cancellationToken) =>
        await _views.UpsertItemAsync(record, new PartitionKey(ViewId), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<DataProtectionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.viewId = @viewId AND c.type = @type")
            .WithParameter("@viewId", ViewId).WithParameter("@type", DataProtectionRecord.DocumentType);
        var records = await PartitionQuery.WithLookupRetryAsync(async () =>
        {
            var found = new List<DataProtectionRecord>();
            using var iterator = _views.GetItemQueryIterator<DataProtectionRecord>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(ViewId) });
            while (iterator.HasMoreResults)
            {
                found.AddRange(await iterator.ReadNextAsync(cancellationToken));
            }

            return found;
        }, cancellationToken);
        return records.OrderByDescending(r => r.ReceivedAt).ToList();
    }
}
