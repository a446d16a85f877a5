using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Closure;

/// <summary>A project's closure request, in its own partition.</summary>
public sealed class ClosureRepository(Database database)
{
    private readonly ProjectPartition<ClosureRequest> _closures = new(database);

    public Task<ClosureRequest?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _closures.GetAsync(ClosureRequest.DocumentId, projectId, cancellationToken);

    public Task<bool> TryCreateAsync(ClosureRequest request, CancellationToken cancellationToken) => _closures.TryCreateAsync(request, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<ClosureRequest?> UpdateAsync(string projectId, Func<ClosureRequest, ClosureRequest?> change, CancellationToken cancellationToken) =>
        _closures.UpdateAsync(ClosureRequest.DocumentId, projectId, change, cancellationToken);
}
