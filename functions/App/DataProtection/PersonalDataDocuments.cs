using System.Net;
using System.Text.Json.Nodes;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.App.DataProtection;

/// <summary>A place in a stored document where a person is mentioned: the field's path and its value.</summary>
public sealed record PersonalDataField(string Path, string Value);

/// <summary>A stored document that mentions a person, with the fields that do.</summary>
public sealed record PersonalDataDocument(string Container, string Partition, string Id, string? Type, string? ProjectId, IReadOnlyList<PersonalDataField> Fields);

/// <summary>
/// Reads and rewrites whole partitions of the Cosmos DB containers as plain JSON, so every kind of document (those
/// written today and those added later) is searched field by field without this code knowing its shape. One partition
/// at a time: never a cross-partition query.
/// </summary>
public sealed class PersonalDataDocuments(Database database)
{
    /// <summary>Properties that identify or locate a document rather than describe anyone; they are never rewritten.</summary>
    private static readonly HashSet<string> Locators = new(StringComparer.Ordinal) { "id", "projectId", "viewId", "type", "_rid", "_self", "_etag", "_attachments", "_ts" };

    public async Task<IReadOnlyList<PersonalDataDocument>> FindAsync(PeopleMatcher people, string containerName, string partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var found = new List<PersonalDataDocument>();
        foreach (var document in await ReadPartitionAsync(containerName, partition, cancellationToken))
        {
            var fields = new List<PersonalDataField>();
            Walk(document, string.Empty, new(people, null, Rewrite: false), fields, inScope: true);
            if (fields.Count > 0)
            {
                found.Add(new PersonalDataDocument(containerName, partition, document["id"]!.GetValue<string>(), Text(document["type"]), Text(document["projectId"]), fields));
            }
        }

        return found;
    }

    /// <summary>
    /// Replaces the people by their pseudonyms in every document of the partition that mentions them, each under its
    /// ETag (a document changed meanwhile is read again and done again). With <paramref name="deleteAll"/> the
    /// partition is the person's own (their tasks, their unsent request, their digests) and its documents go.
    /// With <paramref name="onlyProject"/>, only what belongs to that project changes: documents and parts of documents
    /// (items of a month's flow figures, say) carrying its id, so a shared view's other projects stay as they are.
    /// </summary>
    /// <returns>How many documents changed.</returns>
    public async Task<int> AnonymiseAsync(PeopleMatcher people, string containerName, string partition, bool deleteAll, string? onlyProject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var container = database.GetContainer(containerName);
        var changed = 0;
        foreach (var document in await ReadPartitionAsync(containerName, partition, cancellationToken))
        {
            var id = document["id"]!.GetValue<string>();
            if (deleteAll)
            {
                changed += await DeleteAsync(container, id, partition, cancellationToken) ? 1 : 0;
                continue;
            }

            for (var current = document; current is not null; current = await ReadAsync(container, id, partition, cancellationToken))
            {
                var fields = new List<PersonalDataField>();
                Walk(current, string.Empty, new(people, onlyProject, Rewrite: true), fields, inScope: onlyProject is null);
                if (fields.Count == 0)
                {
                    break;
                }

                var etag = current["_etag"]?.GetValue<string>();
                foreach (var system in new[] { "_rid", "_self", "_etag", "_attachments", "_ts" })
                {
                    current.Remove(system);
                }

                try
                {
                    await container.ReplaceItemAsync(current, id, new PartitionKey(partition), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
                    changed++;
                    break;
                }
                catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    // Changed since it was read: read it again and anonymise what is there now.
                }
                catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    break;
                }
            }
        }

        return changed;
    }

    /// <summary>What one walk does: look for the people, or replace them too; only within one project's parts, or everywhere.</summary>
    private sealed record WalkRules(PeopleMatcher People, string? OnlyProject, bool Rewrite);

    private static void Walk(JsonNode? node, string path, WalkRules rules, List<PersonalDataField> fields, bool inScope)
    {
        switch (node)
        {
            case JsonObject obj:
                // A part that names its project (or a view row whose id is the project's) is in scope only for that project.
                if (rules.OnlyProject is not null && (Text(obj["projectId"]) ?? (path.Length == 0 ? Text(obj["id"]) : null)) is { } owner)
                {
                    inScope = string.Equals(owner, rules.OnlyProject, StringComparison.Ordinal);
                }

                foreach (var (name, child) in obj.ToList())
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (path.Length == 0 && Locators.Contains(name))
                    {
                        continue;
                    }

                    if (Text(child) is { } text)
                    {
                        if (inScope)
                        {
                            Check(text, at, rules, fields, replaced => obj[name] = replaced);
                        }
                    }
                    else
                    {
                        Walk(child, at, rules, fields, inScope);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    if (Text(array[i]) is { } text)
                    {
                        if (inScope)
                        {
                            Check(text, $"{path}[{i}]", rules, fields, replaced => array[index] = replaced);
                        }
                    }
                    else
                    {
                        Walk(array[i], $"{path}[{i}]", rules, fields, inScope);
                    }
                }

                break;
        }
    }

    private static void Check(string text, string path, WalkRules rules, List<PersonalDataField> fields, Action<string> set)
    {
        if (!rules.People.Mentioned(text))
        {
            return;
        }

        var replaced = rules.People.Replace(text);
        if (!rules.Rewrite)
        {
            fields.Add(new PersonalDataField(path, text));
        }
        else if (!string.Equals(replaced, text, StringComparison.Ordinal))
        {
            fields.Add(new PersonalDataField(path, replaced));
            set(replaced);
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Every document of one partition, as JSON.</summary>
    public async Task<List<JsonObject>> ReadPartitionAsync(string containerName, string partition, CancellationToken cancellationToken)
    {
        var container = database.GetContainer(containerName);
        var key = containerName == DataContainers.Projects ? "projectId" : "viewId";
        // The partition key is named in the query too: the local Cosmos server refuses a query without it.
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.{key} = @partition").WithParameter("@partition", partition);
        return await PartitionQuery.WithLookupRetryAsync(async () =>
        {
            var documents = new List<JsonObject>();
            using var iterator = container.GetItemQueryIterator<JsonObject>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partition) });
            while (iterator.HasMoreResults)
            {
                documents.AddRange(await iterator.ReadNextAsync(cancellationToken));
            }

            return documents;
        }, cancellationToken);
    }

    private static async Task<JsonObject?> ReadAsync(Container container, string id, string partition, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.ReadItemAsync<JsonObject>(id, new PartitionKey(partition), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<bool> DeleteAsync(Container container, string id, string partition, CancellationToken cancellationToken)
    {
        try
        {
            await container.DeleteItemAsync<JsonObject>(id, new PartitionKey(partition), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
