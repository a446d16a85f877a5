using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.BusinessCase;

/// <summary>
/// Reads and writes a project's <see cref="BusinessCaseDocument"/> (one per project, fixed id); changes are
/// ETag-guarded. Every write brings the requester's task list up to date (a case to write, or to revise).
/// </summary>
public sealed class BusinessCaseRepository(Database database, TaskView tasks)
{
    private readonly ProjectPartition<BusinessCaseDocument> _documents = new(database);

    /// <summary>Creates the document unless an earlier attempt of the same activity did.</summary>
    public async Task CreateIfMissingAsync(BusinessCaseDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        await _documents.TryCreateAsync(document, cancellationToken);
        if (await GetAsync(document.ProjectId, cancellationToken) is { } stored)
        {
            await tasks.SyncBusinessCaseAsync(stored, cancellationToken);
        }
    }

    public Task<BusinessCaseDocument?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _documents.GetAsync(BusinessCaseDocument.DocumentType, projectId, cancellationToken);

    /// <returns>The stored document, or null when someone changed it since <paramref name="document"/> was read (412).</returns>
    public async Task<BusinessCaseDocument?> TryReplaceAsync(BusinessCaseDocument document, CancellationToken cancellationToken)
    {
        var stored = await _documents.TryReplaceAsync(document, cancellationToken);
        if (stored is not null)
        {
            await tasks.SyncBusinessCaseAsync(stored, cancellationToken);
        }

        return stored;
    }

    /// <summary>Read-modify-write until it sticks; <paramref name="change"/> returns null to leave it as it is.</summary>
    public async Task<BusinessCaseDocument?> UpdateAsync(string projectId, Func<BusinessCaseDocument, BusinessCaseDocument?> change, CancellationToken cancellationToken)
    {
        var stored = await _documents.UpdateAsync(BusinessCaseDocument.DocumentType, projectId, change, cancellationToken);
        if (stored is not null)
        {
            await tasks.SyncBusinessCaseAsync(stored, cancellationToken);
        }

        return stored;
    }
}
