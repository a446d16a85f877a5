using Delivery.Workflows.Budget;
using Delivery.Workflows.Suppliers;

namespace Delivery.Functions.ProjectSuppliers;

/// <summary>A supplier as the API shows it: its statement of work and who recorded this version, when.</summary>
public sealed record SupplierResponse(
    string SupplierId, string Name, string StatementOfWorkReference, decimal StatementOfWorkValue, DateOnly? StartDate, DateOnly? EndDate,
    string? ContractReference, int Version, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static SupplierResponse From(SupplierRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SupplierResponse(s.SupplierId, s.Name, s.StatementOfWorkReference, s.StatementOfWorkValue, s.StartDate, s.EndDate, s.ContractReference, s.Version, s.RecordedBy, s.RecordedAt);
    }
}

/// <summary>A supplier with its spend to date against the statement of work, what remains and the share used (%).</summary>
public sealed record SupplierSpendResponse(SupplierResponse Supplier, decimal Spent, decimal Remaining, decimal PercentUsed)
{
    public static SupplierSpendResponse From(SupplierSpend line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new SupplierSpendResponse(SupplierResponse.From(line.Supplier), line.Spent, line.Remaining, line.PercentUsed);
    }
}

/// <summary>One supplier with its figures and the spend entries recorded against it.</summary>
public sealed record SupplierDetailResponse(SupplierResponse Supplier, decimal Spent, decimal Remaining, decimal PercentUsed, IReadOnlyList<SpendEntryResponse> Spend)
{
    public static SupplierDetailResponse From(SupplierSpend line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new SupplierDetailResponse(SupplierResponse.From(line.Supplier), line.Spent, line.Remaining, line.PercentUsed, line.Spend.Select(SpendEntryResponse.From).ToList());
    }
}

/// <summary>A spend entry against a supplier, as the API shows it.</summary>
public sealed record SpendEntryResponse(string EntryId, DateOnly Date, decimal Amount, CostKind Kind, string Description, string? Reference)
{
    public static SpendEntryResponse From(SpendEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new SpendEntryResponse(e.EntryId, e.Date, e.Amount, e.Kind, e.Description, e.Reference);
    }
}

/// <summary>The project's suppliers by name with their figures, and the spending recorded against none of them.</summary>
public sealed record SupplierListResponse(IReadOnlyList<SupplierSpendResponse> Suppliers, decimal NotAgainstAnySupplier)
{
    public static SupplierListResponse From(SupplierSpendSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SupplierListResponse(summary.Suppliers.Select(SupplierSpendResponse.From).ToList(), summary.NotAgainstAnySupplier);
    }
}
