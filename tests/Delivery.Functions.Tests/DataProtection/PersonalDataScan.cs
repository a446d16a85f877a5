using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.DataProtection;

/// <summary>
/// Reads back, independently of the code under test, every document of the partitions a test app writes and every
/// file in its Blob Storage, so a test can say where a person still appears and what else changed.
/// </summary>
internal static class PersonalDataScan
{
    private static readonly string[] SystemProperties = ["_rid", "_self", "_etag", "_attachments", "_ts"];

    /// <summary>The view partitions every app writes, and the personal ones of the given people.</summary>
    public static IEnumerable<string> ViewPartitions(IEnumerable<string> people) =>
        new[] { ViewIds.Portfolio, ViewIds.Controls, ViewIds.Lessons, ViewIds.Flow, ViewIds.Benefits }.Concat(people.Select(ViewIds.TasksOf));

    /// <summary>Each document of the partition as JSON text without the store's own properties, by id.</summary>
    public static async Task<SortedDictionary<string, string>> PartitionAsync(Database database, string container, string partition)
    {
        var key = container == DataContainers.Projects ? "projectId" : "viewId";
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.{key} = @p").WithParameter("@p", partition);
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var iterator = database.GetContainer(container).GetItemQueryIterator<JsonObject>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partition) });
        while (iterator.HasMoreResults)
        {
            foreach (var document in await iterator.ReadNextAsync())
            {
                foreach (var system in SystemProperties)
                {
                    document.Remove(system);
                }

                documents[document["id"]!.GetValue<string>()] = document.ToJsonString();
            }
        }

        return documents;
    }

    /// <summary>Every file's content as text (Word documents as the text of their parts), by container and name.</summary>
    public static async Task<SortedDictionary<string, string>> FilesAsync(BlobServiceClient blobs)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BlobContainers.All)
        {
            var container = blobs.GetBlobContainerClient(name);
            await foreach (var blob in container.GetBlobsAsync())
            {
                var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
                files[$"{name}/{blob.Name}"] = blob.Name.EndsWith(".docx", StringComparison.Ordinal) ? PartsOf(content.ToArray()) : content.ToString();
            }
        }

        return files;
    }

    private static string PartsOf(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return string.Concat(archive.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }
}
