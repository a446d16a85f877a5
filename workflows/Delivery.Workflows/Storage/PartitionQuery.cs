using System.Net;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Storage;

/// <summary>Lists the documents of one type in one project's partition: never a cross-partition query.</summary>
public static class PartitionQuery
{
    /// <remarks>
    /// A 404 from the query's partition-key-range lookup is retried a few times before it is believed. Most of these
    /// came from the local Cosmos server's resource ids containing "/" (fixed in scripts/cosmos-server.js, tested
    /// by LocalCosmosServerTests); the retry stays for a lookup that races a container's creation. The container always
    /// exists from start-up, so in Azure a retry only delays the error for a container that is truly missing.
    /// </remarks>
    public static Task<List<T>> ListAsync<T>(Container container, string projectId, string documentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        return WithLookupRetryAsync(() => ReadAllAsync<T>(container, projectId, documentType, cancellationToken), cancellationToken);
    }

    /// <summary>Runs a query (from a new iterator each time) again after a 404 from its partition-key-range lookup, as above.</summary>
    public static async Task<TResult> WithLookupRetryAsync<TResult>(Func<Task<TResult>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await query();
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound && attempt < 7)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private static async Task<List<T>> ReadAllAsync<T>(Container container, string projectId, string documentType, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.projectId = @projectId AND c.type = @type")
            .WithParameter("@projectId", projectId)
            .WithParameter("@type", documentType);
        var documents = new List<T>();
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(projectId) });
        while (iterator.HasMoreResults)
        {
            documents.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return documents;
    }
}
