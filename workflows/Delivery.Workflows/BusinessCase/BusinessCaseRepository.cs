using System.Net;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.BusinessCase;

/// <summary>Reads and writes a project's <see cref="BusinessCaseDocument"/>; changes are ETag-guarded.</summary>
public sealed class BusinessCaseRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);

    public async Task CreateIfMissingAsync(BusinessCaseDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await _container.CreateItemAsync(document, new PartitionKey(document.ProjectId), cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by an earlier attempt of the same activity.
        }
    }

    public async Task<BusinessCaseDocument?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.ReadItemAsync<BusinessCaseDocument>(BusinessCaseDocument.DocumentType, new PartitionKey(projectId), cancellationToken: cancellationToken);
            return response.Resource with { ETag = response.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <returns>The stored document, or null when someone changed it since <paramref name="document"/> was read (412).</returns>
    public async Task<BusinessCaseDocument?> TryReplaceAsync(BusinessCaseDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.ReplaceItemAsync(
                document with { ETag = null }, document.Id, new PartitionKey(document.ProjectId), new ItemRequestOptions { IfMatchEtag = document.ETag }, cancellationToken);
            return response.Resource with { ETag = response.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Read-modify-write until it sticks; <paramref name="change"/> returns null to leave it as it is.</summary>
    public async Task<BusinessCaseDocument?> UpdateAsync(string projectId, Func<BusinessCaseDocument, BusinessCaseDocument?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = await GetAsync(projectId, cancellationToken);
            if (current is null || change(current) is not { } changed)
            {
                return current;
            }

            if (await TryReplaceAsync(changed, cancellationToken) is { } stored)
            {
                return stored;
            }
        }
    }
}
