using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Approvals;

/// <summary>Reads and writes approval steps in their project's partition; writes are creates or ETag-guarded replaces.</summary>
public sealed class ApprovalStepRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ApprovalStepDocument> _documents = new(database);

    /// <summary>Creates the step, or returns the one a previous attempt created (same deterministic id).</summary>
    public Task<ApprovalStepDocument> CreateOrGetAsync(ApprovalStepDocument step, CancellationToken cancellationToken) => _documents.CreateOrGetAsync(step, cancellationToken);

    public Task<ApprovalStepDocument?> GetAsync(string stepId, CancellationToken cancellationToken) =>
        ApprovalStepDocument.ProjectIdOf(stepId) is { } projectId ? _documents.GetAsync(stepId, projectId, cancellationToken) : Task.FromResult<ApprovalStepDocument?>(null);

    /// <summary>Replaces the step if nobody changed it since it was read.</summary>
    /// <returns>The stored step, or null when another writer got there first (412).</returns>
    public Task<ApprovalStepDocument?> TryReplaceAsync(ApprovalStepDocument step, CancellationToken cancellationToken) => _documents.TryReplaceAsync(step, cancellationToken);

    /// <summary>Applies a change with the read-modify-write loop; <paramref name="change"/> returns null to leave the step as it is.</summary>
    public Task<ApprovalStepDocument?> UpdateAsync(string stepId, Func<ApprovalStepDocument, ApprovalStepDocument?> change, CancellationToken cancellationToken) =>
        ApprovalStepDocument.ProjectIdOf(stepId) is { } projectId ? _documents.UpdateAsync(stepId, projectId, change, cancellationToken) : Task.FromResult<ApprovalStepDocument?>(null);

    /// <summary>Every step of the project, oldest first (one partition; the project has tens, not thousands).</summary>
    public async Task<IReadOnlyList<ApprovalStepDocument>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var steps = await PartitionQuery.ListAsync<ApprovalStepDocument>(_container, projectId, ApprovalStepDocument.DocumentType, cancellationToken);
        return steps.OrderBy(s => s.RequestedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }
}
