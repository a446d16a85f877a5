using Delivery.Workflows.Budget;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Suppliers;

/// <summary>The project's suppliers and their statements of work, in its own partition.</summary>
public sealed class SupplierRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<SupplierRecord> _suppliers = new(database);

    public Task<SupplierRecord?> GetAsync(string projectId, string supplierId, CancellationToken cancellationToken) =>
        _suppliers.GetAsync(SupplierRecord.IdFor(supplierId), projectId, cancellationToken);

    /// <summary>Creates the supplier or records a new version of it; a retry with the same content changes nothing.</summary>
    public async Task<SavedRecord<SupplierRecord>> SaveAsync(SupplierRecord supplier, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await _suppliers.SaveAsync(supplier, by, at, _ => null, cancellationToken)).Saved!;

    /// <summary>Every supplier with what has been spent against its statement of work, and the spending against none.</summary>
    public async Task<SupplierSpendSummary> SpendSummaryAsync(string projectId, CancellationToken cancellationToken) =>
        SupplierSpendSummary.From(
            await PartitionQuery.ListAsync<SupplierRecord>(_container, projectId, SupplierRecord.DocumentType, cancellationToken),
            await PartitionQuery.ListAsync<SpendEntry>(_container, projectId, SpendEntry.DocumentType, cancellationToken));
}
