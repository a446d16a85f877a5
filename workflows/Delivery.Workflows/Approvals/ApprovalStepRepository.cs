using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Approvals;

/// <summary>
/// Reads and writes approval steps in their project's partition; writes are creates or ETag-guarded replaces. Every
/// write brings the approver's and delegate's task lists up to date with the step.
/// </summary>
public sealed class ApprovalStepRepository(Database database, TaskView tasks)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ApprovalStepDocument> _documents = new(database);
    private readonly ProjectPartition<GateDeciderClaim> _claims = new(database);

    /// <summary>Creates the step, or returns the one a previous attempt created (same deterministic id).</summary>
    public async Task<ApprovalStepDocument> CreateOrGetAsync(ApprovalStepDocument step, CancellationToken cancellationToken)
    {
        var stored = await _documents.CreateOrGetAsync(step, cancellationToken);
        await tasks.SyncStepAsync(stored, null, cancellationToken);
        return stored;
    }

    public Task<ApprovalStepDocument?> GetAsync(string stepId, CancellationToken cancellationToken) =>
        ApprovalStepDocument.ProjectIdOf(stepId) is { } projectId ? _documents.GetAsync(stepId, projectId, cancellationToken) : Task.FromResult<ApprovalStepDocument?>(null);

    /// <summary>Replaces the step if nobody changed it since it was read (<paramref name="replacing"/>, when given, is that read).</summary>
    /// <returns>The stored step, or null when another writer got there first (412).</returns>
    public async Task<ApprovalStepDocument?> TryReplaceAsync(ApprovalStepDocument step, CancellationToken cancellationToken, ApprovalStepDocument? replacing = null)
    {
        var stored = await _documents.TryReplaceAsync(step, cancellationToken);
        if (stored is not null)
        {
            await tasks.SyncStepAsync(stored, replacing, cancellationToken);
        }

        return stored;
    }

    /// <summary>Applies a change with the read-modify-write loop; <paramref name="change"/> returns null to leave the step as it is.</summary>
    public async Task<ApprovalStepDocument?> UpdateAsync(string stepId, Func<ApprovalStepDocument, ApprovalStepDocument?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (ApprovalStepDocument.ProjectIdOf(stepId) is not { } projectId)
        {
            return null;
        }

        ApprovalStepDocument? before = null;
        var stored = await _documents.UpdateAsync(stepId, projectId, s => change(before = s), cancellationToken);
        if (stored is not null)
        {
            await tasks.SyncStepAsync(stored, before, cancellationToken);
        }

        return stored;
    }

    /// <summary>
    /// Claims the step's gate for this person's one decision in it.
    /// </summary>
    /// <returns>
    /// <see cref="GateClaim.Claimed"/> when the claim is theirs for this step (new, or left by an earlier attempt);
    /// <see cref="GateClaim.HeldForAnotherStep"/> when they hold another step of the gate; <see cref="GateClaim.Contended"/>
    /// when their own concurrent attempts kept creating and releasing it, which is a race, not a second approval.
    /// </returns>
    public async Task<GateClaim> ClaimGateAsync(ApprovalStepDocument step, string userId, CancellationToken cancellationToken)
    {
        var claim = GateDeciderClaim.For(step, userId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await _claims.TryCreateAsync(claim, cancellationToken))
            {
                return GateClaim.Claimed;
            }

            // Gone again between the create and the read: an attempt that lost its race released it; try once more.
            if (await _claims.GetAsync(claim.Id, claim.ProjectId, cancellationToken) is { } held)
            {
                return held.StepId == step.Id ? GateClaim.Claimed : GateClaim.HeldForAnotherStep;
            }
        }

        return GateClaim.Contended;
    }

    /// <summary>Gives the claim back when the decision it was for was not recorded.</summary>
    public Task ReleaseGateAsync(ApprovalStepDocument step, string userId, CancellationToken cancellationToken) =>
        _claims.DeleteAsync(GateDeciderClaim.IdFor(step.ProjectId, step.GateId, userId), step.ProjectId, cancellationToken);

    /// <summary>Every step of the project, oldest first (one partition; the project has tens, not thousands).</summary>
    public async Task<IReadOnlyList<ApprovalStepDocument>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var steps = await PartitionQuery.ListAsync<ApprovalStepDocument>(_container, projectId, ApprovalStepDocument.DocumentType, cancellationToken);
        return steps.OrderBy(s => s.RequestedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }
}
