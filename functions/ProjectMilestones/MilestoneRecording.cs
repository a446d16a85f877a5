using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ProjectMilestones;

/// <summary>How recording a milestone ended.</summary>
public enum MilestoneSaveOutcome
{
    /// <summary>A milestone that was not in the plan before, stored and audited.</summary>
    Added,

    /// <summary>A new version of a milestone in the plan, or the same content again (a retry), which changes nothing.</summary>
    Saved,

    /// <summary>Bad fields, each named; nothing stored.</summary>
    Invalid,

    /// <summary>The body would move the baseline, which only an approved change or exception plan may; nothing stored.</summary>
    BaselineConflict,
}

/// <summary>What <see cref="MilestoneRecording.SaveAsync"/> did: the stored milestone, the errors by field, or why the baseline cannot move.</summary>
public sealed record MilestoneSaveResult(MilestoneSaveOutcome Outcome, MilestoneRecord? Milestone, Dictionary<string, string[]> Errors, string? Conflict);

/// <summary>
/// Recording a milestone's forecast and actual dates (or adding one), one set of rules for
/// <c>PUT /api/projects/{id}/milestones/{milestoneId}</c> and the milestone form: only the project manager, from
/// approval to closure; every field checked at once; each version stored and audited once, the monitor's figures
/// refreshed; the baseline never moved here.
/// </summary>
public sealed class MilestoneRecording(ProjectRepository projects, ControlsView controls, MilestoneRepository milestones, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project, or the API's refusal (404 not visible, 403 not its manager, 409 outside Initiation and Delivery).</summary>
    public Task<(ProjectDocument? Project, IResult? Refusal)> ForRecordingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "milestones", (string.Empty, _ => false), cancellationToken);

    /// <summary>The milestone as the plan holds it now (approved or recorded), or null when there is none by that id.</summary>
    public async Task<MilestoneRecord?> CurrentAsync(ProjectDocument project, string milestoneId, CancellationToken cancellationToken) =>
        (await milestones.ListAsync(project, cancellationToken)).FirstOrDefault(m => m.MilestoneId == milestoneId);

    /// <summary>
    /// Checks and stores the milestone. <paramref name="unreadable"/> are fields a form could not turn into the
    /// body's types (a date that is not a date); they count as errors beside the body's own, so nothing is stored.
    /// </summary>
    public async Task<MilestoneSaveResult> SaveAsync(
        ProjectDocument project, string milestoneId, string userId, MilestoneBody body, IReadOnlyDictionary<string, string[]>? unreadable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var current = await CurrentAsync(project, milestoneId, cancellationToken);
        var (milestone, errors) = body.Read(project, milestoneId, current, ProjectRecordAccess.Today(now), limits);
        foreach (var (field, messages) in unreadable ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        if (milestone is null || errors.Count > 0)
        {
            return new(MilestoneSaveOutcome.Invalid, null, errors, null);
        }

        var (saved, conflict) = await milestones.SaveAsync(project, milestone, userId, now, cancellationToken);
        if (saved is null)
        {
            return new(MilestoneSaveOutcome.BaselineConflict, null, errors, conflict);
        }

        var stored = saved.Record;
        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~milestone~{stored.MilestoneId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.UpdatedAt,
            Actor = stored.UpdatedBy,
            Action = AuditAction.MilestoneRecorded,
            Summary = $"Milestone {stored.Name}: baseline {stored.Baseline:yyyy-MM-dd}, forecast {stored.Forecast:yyyy-MM-dd}" + (stored.Actual is { } a ? $", reached {a:yyyy-MM-dd}" : string.Empty),
            Subject = stored.MilestoneId,
        }, cancellationToken);

        // Added only for a milestone that was not in the plan before (an approved one is recorded against, not created).
        return new(saved.Created && current is null ? MilestoneSaveOutcome.Added : MilestoneSaveOutcome.Saved, stored, errors, null);
    }
}
