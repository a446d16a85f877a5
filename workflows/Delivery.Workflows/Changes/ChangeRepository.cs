using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Changes;

/// <summary>The project's change requests, in its own partition.</summary>
public sealed class ChangeRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ChangeRequest> _changes = new(database);

    public Task<ChangeRequest?> GetAsync(string projectId, string changeId, CancellationToken cancellationToken) =>
        _changes.GetAsync(ChangeRequest.IdFor(changeId), projectId, cancellationToken);

    /// <summary>Stores a new change; false when one with its id exists already.</summary>
    public Task<bool> TryCreateAsync(ChangeRequest change, CancellationToken cancellationToken) => _changes.TryCreateAsync(change, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<ChangeRequest?> UpdateAsync(string projectId, string changeId, Func<ChangeRequest, ChangeRequest?> change, CancellationToken cancellationToken) =>
        _changes.UpdateAsync(ChangeRequest.IdFor(changeId), projectId, change, cancellationToken);

    /// <summary>Every change, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeRequest>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<ChangeRequest>(_container, projectId, ChangeRequest.DocumentType, cancellationToken))
            .OrderBy(c => c.RaisedAt).ThenBy(c => c.ChangeId, StringComparer.Ordinal).ToList();
}
