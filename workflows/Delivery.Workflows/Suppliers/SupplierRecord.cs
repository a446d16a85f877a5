using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Suppliers;

/// <summary>
/// A supplier the project buys from, with its statement of work (reference, value and, when known, its dates) and
/// the contract or purchase order it sits under, in the project's partition. Spend entries that name its supplier id
/// count against the statement of work's value. Each change is a new version, audited once.
/// </summary>
public sealed record SupplierRecord : IVersionedRecord<SupplierRecord>
{
    public const string DocumentType = "supplier";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The recorder's own id for the supplier (laptop-co, SUP-4), unique in the project.</summary>
    public required string SupplierId { get; init; }

    public required string Name { get; init; }

    public required string StatementOfWorkReference { get; init; }

    /// <summary>What the statement of work commits the council to pay, in pounds.</summary>
    public required decimal StatementOfWorkValue { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    /// <summary>The contract or purchase order the statement of work is called off under.</summary>
    public string? ContractReference { get; init; }

    public required int Version { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public SupplierRecord WithETag(string? etag) => this with { ETag = etag };

    public SupplierRecord AsVersion(int version, string by, DateTimeOffset at, SupplierRecord? previous) =>
        this with { Version = version, RecordedBy = by, RecordedAt = at };

    public SupplierRecord Unstamped() => this with { Version = 0, RecordedBy = string.Empty, RecordedAt = default, ETag = null };

    public static string IdFor(string supplierId) => "supplier~" + supplierId;
}
