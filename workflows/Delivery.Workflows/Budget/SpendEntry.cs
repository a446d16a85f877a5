using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Budget;

/// <summary>
/// Money spent on the project, in its partition. Its id comes from the entry id the recorder gives, so recording the
/// same entry again (a retry) finds it there instead of counting it twice.
/// </summary>
public sealed record SpendEntry : IProjectDocument<SpendEntry>
{
    public const string DocumentType = "spend";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string EntryId { get; init; }

    public required DateOnly Date { get; init; }

    public required decimal Amount { get; init; }

    public required CostKind Kind { get; init; }

    public required string Supplier { get; init; }

    /// <summary>
    /// The project's supplier (see <c>Suppliers.SupplierRecord</c>) whose statement of work this counts against, or
    /// null: entries recorded before suppliers were kept have none, and read as before.
    /// </summary>
    public string? SupplierId { get; init; }

    public required string Description { get; init; }

    public string? Reference { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public SpendEntry WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string entryId) => "spend~" + entryId;

    /// <summary>Whether another recording of this entry id says the same thing (who and when aside).</summary>
    public bool SameAs(SpendEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Date == other.Date && Amount == other.Amount && Kind == other.Kind && Supplier == other.Supplier
            && SupplierId == other.SupplierId && Description == other.Description && Reference == other.Reference;
    }
}
