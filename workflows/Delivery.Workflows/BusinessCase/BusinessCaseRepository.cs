using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.BusinessCase;

/// <summary>Reads and writes a project's <see cref="BusinessCaseDocument"/> (one per project, fixed id); changes are ETag-guarded.</summary>
public sealed class BusinessCaseRepository(Database database)
{
    private readonly ProjectPartition<BusinessCaseDocument> _documents = new(database);

    /// <summary>Creates the document unless an earlier attempt of the same activity did.</summary>
    public Task CreateIfMissingAsync(BusinessCaseDocument document, CancellationToken cancellationToken) => _documents.TryCreateAsync(document, cancellationToken);

    public Task<BusinessCaseDocument?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _documents.GetAsync(BusinessCaseDocument.DocumentType, projectId, cancellationToken);

    /// <returns>The stored document, or null when someone changed it since <paramref name="document"/> was read (412).</returns>
    public Task<BusinessCaseDocument?> TryReplaceAsync(BusinessCaseDocument document, CancellationToken cancellationToken) => _documents.TryReplaceAsync(document, cancellationToken);

    /// <summary>Read-modify-write until it sticks; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<BusinessCaseDocument?> UpdateAsync(string projectId, Func<BusinessCaseDocument, BusinessCaseDocument?> change, CancellationToken cancellationToken) =>
        _documents.UpdateAsync(BusinessCaseDocument.DocumentType, projectId, change, cancellationToken);
}
