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
}
