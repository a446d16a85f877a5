using Delivery.Workflows.Budget;

namespace Delivery.Workflows.Suppliers;

/// <summary>One supplier's statement of work against the spending recorded against it.</summary>
public sealed record SupplierSpend(SupplierRecord Supplier, decimal Spent, IReadOnlyList<SpendEntry> Spend)
{
    /// <summary>What is left of the statement of work's value; below zero when more has been spent than it allows.</summary>
    public decimal Remaining => Supplier.StatementOfWorkValue - Spent;

    /// <summary>Spent as a percentage of the value (to one decimal place); above 100 when overspent.</summary>
    public decimal PercentUsed => Math.Round(Spent / Supplier.StatementOfWorkValue * 100m, 1);
}

/// <summary>
/// The project's suppliers, by name, each with the spend entries that name its supplier id, and the spending that
/// names no supplier of the project (entries recorded with a supplier's name only, as before suppliers were kept).
/// </summary>
public sealed record SupplierSpendSummary(IReadOnlyList<SupplierSpend> Suppliers, decimal NotAgainstAnySupplier)
{
    public static SupplierSpendSummary From(IReadOnlyList<SupplierRecord> suppliers, IReadOnlyList<SpendEntry> spend)
    {
        ArgumentNullException.ThrowIfNull(suppliers);
        ArgumentNullException.ThrowIfNull(spend);
        var lines = suppliers
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.SupplierId, StringComparer.Ordinal)
            .Select(s =>
            {
                var against = spend.Where(e => e.SupplierId == s.SupplierId).OrderBy(e => e.Date).ThenBy(e => e.RecordedAt).ToList();
                return new SupplierSpend(s, against.Sum(e => e.Amount), against);
            })
            .ToList();
        return new SupplierSpendSummary(lines, spend.Sum(e => e.Amount) - lines.Sum(l => l.Spent));
    }
}
