using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Performance;

/// <summary>A digital service's performance document, in its project's partition.</summary>
public sealed class PerformanceRepository(Database database)
{
    private readonly ProjectPartition<PerformanceRecord> _documents = new(database);

    public Task<PerformanceRecord?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _documents.GetAsync(PerformanceRecord.DocumentId, projectId, cancellationToken);

    /// <summary>
    /// Read-modify-write under the ETag, creating the document first when the service has none (a create that a
    /// concurrent one won is the same empty document); <paramref name="change"/> returns null to leave it.
    /// </summary>
    public async Task<PerformanceRecord> UpdateAsync(string projectId, Func<PerformanceRecord, PerformanceRecord?> change, CancellationToken cancellationToken)
    {
        _ = await _documents.CreateOrGetAsync(new PerformanceRecord { ProjectId = projectId }, cancellationToken);
        return (await _documents.UpdateAsync(PerformanceRecord.DocumentId, projectId, change, cancellationToken))!;
    }
}
