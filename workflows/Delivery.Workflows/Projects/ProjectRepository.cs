using System.Net;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Projects;

/// <summary>Reads and writes project documents, always within the project's own partition.</summary>
public sealed class ProjectRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);

    /// <returns>False when a document with that id already exists (nothing is changed).</returns>
    public async Task<bool> TryCreateAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        try
        {
            await _container.CreateItemAsync(project, new PartitionKey(project.ProjectId), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<ProjectDocument?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.ReadItemAsync<ProjectDocument>(projectId, new PartitionKey(projectId), cancellationToken: cancellationToken);
            return response.Resource with { ETag = response.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Read-modify-write guarded by the ETag: on 412 it reads again and re-applies <paramref name="change"/>, which
    /// returns null to leave the document as it is.
    /// </summary>
    /// <returns>The stored document, or null when the project does not exist.</returns>
    public async Task<ProjectDocument?> UpdateAsync(string projectId, Func<ProjectDocument, ProjectDocument?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = await GetAsync(projectId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current);
            if (changed is null)
            {
                return current;
            }

            try
            {
                var response = await _container.ReplaceItemAsync(
                    changed with { ETag = null }, projectId, new PartitionKey(projectId), new ItemRequestOptions { IfMatchEtag = current.ETag }, cancellationToken);
                return response.Resource with { ETag = response.ETag };
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                // Someone else changed it between our read and write: read again and re-apply.
            }
        }
    }
}
