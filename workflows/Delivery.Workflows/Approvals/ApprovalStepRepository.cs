using System.Net;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Approvals;

/// <summary>Reads and writes approval steps in their project's partition; writes are creates or ETag-guarded replaces.</summary>
public sealed class ApprovalStepRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);

    /// <summary>Creates the step, or returns the one a previous attempt created (same deterministic id).</summary>
    public async Task<ApprovalStepDocument> CreateOrGetAsync(ApprovalStepDocument step, CancellationToken cancellationToken)
    {
        try
        {
            var created = await _container.CreateItemAsync(step, new PartitionKey(step.ProjectId), cancellationToken: cancellationToken);
            return created.Resource with { ETag = created.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return (await GetAsync(step.Id, cancellationToken))!;
        }
    }

    public async Task<ApprovalStepDocument?> GetAsync(string stepId, CancellationToken cancellationToken)
    {
        var projectId = ApprovalStepDocument.ProjectIdOf(stepId);
        if (projectId is null)
        {
            return null;
        }

        try
        {
            var response = await _container.ReadItemAsync<ApprovalStepDocument>(stepId, new PartitionKey(projectId), cancellationToken: cancellationToken);
            return response.Resource with { ETag = response.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Replaces the step if nobody changed it since it was read.</summary>
    /// <returns>The stored step, or null when another writer got there first (412).</returns>
    public async Task<ApprovalStepDocument?> TryReplaceAsync(ApprovalStepDocument step, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.ReplaceItemAsync(
                step with { ETag = null }, step.Id, new PartitionKey(step.ProjectId), new ItemRequestOptions { IfMatchEtag = step.ETag }, cancellationToken);
            return response.Resource with { ETag = response.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Applies a change with the read-modify-write loop; <paramref name="change"/> returns null to leave the step as it is.</summary>
    public async Task<ApprovalStepDocument?> UpdateAsync(string stepId, Func<ApprovalStepDocument, ApprovalStepDocument?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetAsync(stepId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current);
            if (changed is null)
            {
                return current;
            }

            if (await TryReplaceAsync(changed, cancellationToken) is { } stored)
            {
                return stored;
            }
        }
    }

    /// <summary>Every step of the project, oldest first (one partition; the project has tens, not thousands).</summary>
    public async Task<IReadOnlyList<ApprovalStepDocument>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.projectId = @projectId AND c.type = @type")
            .WithParameter("@projectId", projectId)
            .WithParameter("@type", ApprovalStepDocument.DocumentType);
        var steps = new List<ApprovalStepDocument>();
        using var iterator = _container.GetItemQueryIterator<ApprovalStepDocument>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(projectId) });
        while (iterator.HasMoreResults)
        {
            steps.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return steps.OrderBy(s => s.RequestedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }
}
