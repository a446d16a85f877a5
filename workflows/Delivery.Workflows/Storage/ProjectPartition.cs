using System.Net;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Storage;

/// <summary>A document kept in its project's partition, with the ETag it was read at.</summary>
public interface IProjectDocument<TSelf>
    where TSelf : IProjectDocument<TSelf>
{
    string Id { get; }

    string ProjectId { get; }

    string? ETag { get; }

    /// <summary>The same document carrying another ETag (null when writing it back).</summary>
    TSelf WithETag(string? etag);
}

/// <summary>
/// Point reads and writes of one kind of document in the projects container, always with the project's partition
/// key: creates that a retry finds already done (409), and ETag-guarded replaces with a 412 path.
/// </summary>
public sealed class ProjectPartition<T>(Database database)
    where T : IProjectDocument<T>
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);

    /// <returns>False when a document with that id already exists (nothing is changed).</returns>
    public async Task<bool> TryCreateAsync(T document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            await _container.CreateItemAsync(document, new PartitionKey(document.ProjectId), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>Creates the document, or returns the one an earlier attempt created (same deterministic id).</summary>
    public async Task<T> CreateOrGetAsync(T document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            var created = await _container.CreateItemAsync(document, new PartitionKey(document.ProjectId), cancellationToken: cancellationToken);
            return created.Resource.WithETag(created.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return (await GetAsync(document.Id, document.ProjectId, cancellationToken))!;
        }
    }

    public async Task<T?> GetAsync(string id, string projectId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.ReadItemAsync<T>(id, new PartitionKey(projectId), cancellationToken: cancellationToken);
            return response.Resource.WithETag(response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
    }

    /// <summary>Replaces the document if nobody changed it since it was read.</summary>
    /// <returns>The stored document, or null when another writer got there first (412).</returns>
    public async Task<T?> TryReplaceAsync(T document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            var response = await _container.ReplaceItemAsync(
                document.WithETag(null), document.Id, new PartitionKey(document.ProjectId), new ItemRequestOptions { IfMatchEtag = document.ETag }, cancellationToken);
            return response.Resource.WithETag(response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return default;
        }
    }

    /// <summary>Deletes the document if it is there.</summary>
    public async Task DeleteAsync(string id, string projectId, CancellationToken cancellationToken)
    {
        try
        {
            await _container.DeleteItemAsync<T>(id, new PartitionKey(projectId), cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Read-modify-write until it sticks: on 412 it reads again and re-applies <paramref name="change"/>, which
    /// returns null to leave the document as it is.
    /// </summary>
    /// <returns>The stored document, or null when it does not exist.</returns>
    public async Task<T?> UpdateAsync(string id, string projectId, Func<T, T?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = await GetAsync(id, projectId, cancellationToken);
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
