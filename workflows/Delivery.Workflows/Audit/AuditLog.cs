using System.Net;
using System.Security.Cryptography;
using System.Text;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Audit;

/// <summary>
/// Appends to and reads a project's audit trail. There is no update or delete: entries are never edited. The entries
/// the flow metrics read are passed on to the flow view as they are written (and again on a retry, which changes nothing).
/// </summary>
public sealed class AuditLog(Database database, Views.FlowView flow)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);

    /// <summary>Appends the entry once: its id is derived from <paramref name="key"/>, so a retry finds it there (409) and stops.</summary>
    /// <returns>True when this call added it.</returns>
    public async Task<bool> AppendAsync(string key, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = entry with { Id = IdFor(key) };
        bool added;
        try
        {
            await _container.CreateItemAsync(stored, new PartitionKey(entry.ProjectId), cancellationToken: cancellationToken);
            added = true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            added = false;
            if (Flow.FlowCalculator.Matters(entry.Action))
            {
                // A retry: the flow view gets the entry as first written, in case the first writer stopped before it did.
                stored = (await _container.ReadItemAsync<AuditEntry>(stored.Id, new PartitionKey(entry.ProjectId), cancellationToken: cancellationToken)).Resource;
            }
        }

        if (Flow.FlowCalculator.Matters(stored.Action))
        {
            await flow.ApplyAsync(stored.ProjectId, [stored], cancellationToken);
        }

        return added;
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var entries = await PartitionQuery.ListAsync<AuditEntry>(_container, projectId, AuditEntry.DocumentType, cancellationToken);
        return entries.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    public static string IdFor(string key) =>
        "audit-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
}
