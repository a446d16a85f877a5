using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Projects;

/// <summary>Reads and writes project documents, always within the project's own partition (the project's id is its partition key).</summary>
public sealed class ProjectRepository(Database database)
{
    private readonly ProjectPartition<ProjectDocument> _documents = new(database);

    /// <returns>False when a document with that id already exists (nothing is changed).</returns>
    public Task<bool> TryCreateAsync(ProjectDocument project, CancellationToken cancellationToken) => _documents.TryCreateAsync(project, cancellationToken);

    public Task<ProjectDocument?> GetAsync(string projectId, CancellationToken cancellationToken) => _documents.GetAsync(projectId, projectId, cancellationToken);

    /// <summary>ETag-guarded read-modify-write; <paramref name="change"/> returns null to leave the document as it is.</summary>
    /// <returns>The stored document, or null when the project does not exist.</returns>
    public Task<ProjectDocument?> UpdateAsync(string projectId, Func<ProjectDocument, ProjectDocument?> change, CancellationToken cancellationToken) =>
        _documents.UpdateAsync(projectId, projectId, change, cancellationToken);
}
