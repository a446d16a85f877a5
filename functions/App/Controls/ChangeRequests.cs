using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.App.Controls;

/// <summary>The result of sending a change request: the outcome, the change as stored, and the errors of a refused one.</summary>
public sealed record ChangeResult(SendOutcome Outcome, ChangeRequest? Change, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Sending a change request, one code path for the API (<c>PUT …/changes/{changeId}</c>) and the change request
/// page, so they apply the same rules and store, audit and raise the same things. The caller has already checked
/// that the person is the project's manager and the project is in delivery.
/// </summary>
public sealed class ChangeRequests(ChangeRepository changes, MilestoneRepository milestones, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project's milestones, whose baselines a change may move.</summary>
    public Task<IReadOnlyList<MilestoneRecord>> MilestonesAsync(ProjectDocument project, CancellationToken cancellationToken) =>
        milestones.ListAsync(project, cancellationToken);

    /// <summary>The errors the change would be refused with, storing nothing: for a page that also found fields it could not read.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(ProjectDocument project, string changeId, ChangeBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Read(project, changeId, await milestones.ListAsync(project, cancellationToken), userId, clock.GetUtcNow(), limits).Errors;
    }

    /// <summary>
    /// Checks the change, stores it (or its next version, when the board asked for more information), audits it
    /// once per version and raises it on the project's control orchestration, which assesses it against the project
    /// manager's delegation; a retry of the stored change completes those steps again and changes nothing.
    /// </summary>
    public async Task<ChangeResult> SendAsync(DurableTaskClient client, ProjectDocument project, string changeId, ChangeBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var (sent, errors) = body.Read(project, changeId, await milestones.ListAsync(project, cancellationToken), userId, now, limits);
        if (sent is null)
        {
            return new ChangeResult(SendOutcome.Invalid, null, errors);
        }

        var created = await changes.TryCreateAsync(sent, cancellationToken);
        var stored = created ? sent : await changes.UpdateAsync(project.ProjectId, changeId, c => c.Status == ChangeStatus.MoreInformationRequested
            ? sent with { Version = c.Version + 1, ETag = c.ETag }
            : null, cancellationToken);
        if (stored is null || !stored.SameAs(sent))
        {
            return new ChangeResult(SendOutcome.NotNow, stored, errors);
        }

        // Audited and raised for the stored version on a retry too: a request cut short after storing completes here.
        var isNew = created || stored.RaisedAt == now;
        await audit.AppendAsync($"{project.ProjectId}~change~{changeId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RaisedAt,
            Actor = stored.RaisedBy,
            Action = AuditAction.ChangeRequested,
            Summary = $"Change {changeId} sent (version {stored.Version}): {stored.Kind} change \"{stored.Title}\", cost impact {stored.CostImpact:0.00}, {stored.Milestones.Count} milestone(s) moved",
            Subject = changeId,
        }, cancellationToken);
        await ControlOrchestration.RaiseAsync(client, project.ProjectId, ChangeSubmitted.EventName, new ChangeSubmitted(project.ProjectId, changeId, stored.Version), cancellationToken);
        return new ChangeResult(isNew ? SendOutcome.Sent : SendOutcome.Retried, stored, errors);
    }
}
