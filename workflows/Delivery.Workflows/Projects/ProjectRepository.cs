using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Projects;

/// <summary>
/// Reads and writes project documents, always within the project's own partition (the project's id is its partition
/// key). Every write, and every retry of one, refreshes the project's portfolio row, so the view follows the document.
/// </summary>
public sealed class ProjectRepository(Database database, PortfolioView portfolio)
{
    private readonly ProjectPartition<ProjectDocument> _documents = new(database);

    /// <returns>False when a document with that id already exists (nothing is changed but its portfolio row).</returns>
    public async Task<bool> TryCreateAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var created = await _documents.TryCreateAsync(project, cancellationToken);
        var stored = created ? project : await GetAsync(project.ProjectId, cancellationToken);
        if (stored is not null)
        {
            await portfolio.RefreshAsync(stored, cancellationToken);
        }

        return created;
    }

    public Task<ProjectDocument?> GetAsync(string projectId, CancellationToken cancellationToken) => _documents.GetAsync(projectId, projectId, cancellationToken);

    /// <summary>ETag-guarded read-modify-write; <paramref name="change"/> returns null to leave the document as it is.</summary>
    /// <returns>The stored document, or null when the project does not exist.</returns>
    public async Task<ProjectDocument?> UpdateAsync(string projectId, Func<ProjectDocument, ProjectDocument?> change, CancellationToken cancellationToken)
    {
        var stored = await _documents.UpdateAsync(projectId, projectId, change, cancellationToken);
        if (stored is not null)
        {
            await portfolio.RefreshAsync(stored, cancellationToken);
        }

        return stored;
    }
}
