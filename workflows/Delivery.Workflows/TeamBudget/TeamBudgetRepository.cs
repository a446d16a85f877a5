using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.TeamBudget;

/// <summary>A service team's cost model, in its project's partition.</summary>
public sealed class TeamBudgetRepository(Database database)
{
    private readonly ProjectPartition<TeamCostRecord> _costs = new(database);

    public Task<TeamCostRecord?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _costs.GetAsync(TeamCostRecord.DocumentId, projectId, cancellationToken);

    /// <summary>
    /// Adds the cost under its id, or finds it already there (a retry). Creates the document with the first cost;
    /// later ones are read-modify-writes under the ETag, so two costs sent at once both land.
    /// </summary>
    /// <returns>The entry stored under the id: the one given, or an earlier one that may say something else.</returns>
    public async Task<TeamCostEntry> AddAsync(string projectId, TeamCostEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await GetAsync(projectId, cancellationToken) is null)
        {
            await _costs.TryCreateAsync(new TeamCostRecord { ProjectId = projectId, Entries = [entry] }, cancellationToken);
        }

        var stored = await _costs.UpdateAsync(
            TeamCostRecord.DocumentId,
            projectId,
            r => r.Entries.Any(e => e.CostId == entry.CostId) ? null : r with { Entries = [.. r.Entries, entry] },
            cancellationToken);
        return stored!.Entries.First(e => e.CostId == entry.CostId);
    }
}
