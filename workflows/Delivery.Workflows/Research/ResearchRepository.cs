using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Research;

/// <summary>A service's user research log, in its project's partition.</summary>
public sealed class ResearchRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ResearchSession> _sessions = new(database);

    /// <summary>Creates the session, or returns the one an earlier sending with the same id recorded.</summary>
    public Task<ResearchSession> CreateOrGetAsync(ResearchSession session, CancellationToken cancellationToken) => _sessions.CreateOrGetAsync(session, cancellationToken);

    public Task<ResearchSession?> GetAsync(string projectId, string sessionId, CancellationToken cancellationToken) =>
        _sessions.GetAsync(ResearchSession.IdFor(sessionId), projectId, cancellationToken);

    /// <summary>Every session, latest first.</summary>
    public async Task<IReadOnlyList<ResearchSession>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<ResearchSession>(_container, projectId, ResearchSession.DocumentType, cancellationToken))
            .OrderByDescending(s => s.Date).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList();
}
