using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Cadence;

/// <summary>A service team's cadence and retrospectives, in its project's partition.</summary>
public sealed class CadenceRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<TeamCadence> _cadences = new(database);
    private readonly ProjectPartition<Retrospective> _retrospectives = new(database);

    public Task<TeamCadence?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _cadences.GetAsync(TeamCadence.DocumentId, projectId, cancellationToken);

    /// <summary>Creates the cadence, or replaces it under the ETag it was read at.</summary>
    /// <returns>The stored cadence, or null when someone else changed it meanwhile.</returns>
    public async Task<TeamCadence?> SaveAsync(TeamCadence cadence, TeamCadence? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        if (read is null)
        {
            return await _cadences.TryCreateAsync(cadence, cancellationToken) ? await GetAsync(cadence.ProjectId, cancellationToken) : null;
        }

        return await _cadences.TryReplaceAsync(cadence with { ETag = read.ETag }, cancellationToken);
    }

    public Task<Retrospective?> GetRetrospectiveAsync(string projectId, int iteration, CancellationToken cancellationToken) =>
        _retrospectives.GetAsync(Retrospective.IdFor(iteration), projectId, cancellationToken);

    /// <returns>False when that iteration's retrospective is recorded already (nothing is changed).</returns>
    public Task<bool> TryCreateRetrospectiveAsync(Retrospective retrospective, CancellationToken cancellationToken) =>
        _retrospectives.TryCreateAsync(retrospective, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<Retrospective?> UpdateRetrospectiveAsync(string projectId, int iteration, Func<Retrospective, Retrospective?> change, CancellationToken cancellationToken) =>
        _retrospectives.UpdateAsync(Retrospective.IdFor(iteration), projectId, change, cancellationToken);

    /// <summary>Every retrospective, latest iteration first.</summary>
    public async Task<IReadOnlyList<Retrospective>> ListRetrospectivesAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<Retrospective>(_container, projectId, Retrospective.DocumentType, cancellationToken)).OrderByDescending(r => r.Iteration).ToList();
}
