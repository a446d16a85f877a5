using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;

namespace Delivery.Functions.ProjectRaid;

/// <summary>How recording a RAID item ended.</summary>
public enum RaidSaveOutcome
{
    /// <summary>A new item, stored as version 1 and audited.</summary>
    Created,

    /// <summary>A new version of the item, or the same content again (a retry), which changes nothing.</summary>
    Saved,

    /// <summary>Bad fields, each named; nothing stored.</summary>
    Invalid,

    /// <summary>The item is already logged as another kind, which cannot change; nothing stored.</summary>
    KindConflict,
}

/// <summary>What <see cref="RaidRecording.SaveAsync"/> did: the stored item, the errors by field, or why the kind cannot change.</summary>
public sealed record RaidSaveResult(RaidSaveOutcome Outcome, RaidItem? Item, Dictionary<string, string[]> Errors, string? Conflict);

/// <summary>
/// Recording a RAID item, one set of rules for <c>PUT /api/projects/{id}/raid/{itemId}</c> and the risk form: the
/// project manager keeps the log and an item's owner may update their own item (a risk review), from approval to
/// closure; every field checked at once; each version stored and audited once, and the monitor's figures refreshed.
/// </summary>
public sealed class RaidRecording(ProjectRepository projects, ControlsView controls, RaidRepository raid, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>
    /// The project and the item as stored now (null when new), or the API's refusal: 404 when the project is not
    /// visible, 403 unless the project's manager or the item's owner, 409 outside Initiation and Delivery.
    /// </summary>
    public async Task<(ProjectDocument? Project, RaidItem? Existing, IResult? Refusal)> ForRecordingAsync(string id, string itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var existing = ProjectRecordAccess.IsRecordId(itemId) && id.StartsWith("prj-", StringComparison.Ordinal) ? await raid.GetAsync(id, itemId, cancellationToken) : null;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(
            id, user, projects, directory, "risks, assumptions, issues and dependencies", (" or the item's owner", u => IsOwner(existing, u)), cancellationToken);
        return (project, refusal is null ? existing : null, refusal);
    }

    /// <summary>Whether the signed-in person owns the item (and so may review it without being the project's manager).</summary>
    public static bool IsOwner(RaidItem? item, ClaimsPrincipal user) =>
        item is not null && item.OwnerId.Equals(user.UserId(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Checks and stores the item. <paramref name="unreadable"/> are fields a form could not turn into the body's
    /// types (a date that is not a date); they count as errors beside the body's own, so nothing is stored.
    /// </summary>
    public async Task<RaidSaveResult> SaveAsync(
        ProjectDocument project, string itemId, string userId, RaidBody body, IReadOnlyDictionary<string, string[]>? unreadable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var (item, errors) = body.Read(project.ProjectId, itemId, ProjectRecordAccess.Start(project), ProjectRecordAccess.Today(now), directory, limits);
        foreach (var (field, messages) in unreadable ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        if (item is null || errors.Count > 0)
        {
            return new(RaidSaveOutcome.Invalid, null, errors, null);
        }

        var (saved, conflict) = await raid.SaveAsync(item, userId, now, cancellationToken);
        if (saved is null)
        {
            return new(RaidSaveOutcome.KindConflict, null, errors, conflict);
        }

        // Audited for the stored version even when nothing changed: a retry after a lost audit write completes it.
        var stored = saved.Record;
        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~raid~{stored.ItemId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.UpdatedAt,
            Actor = stored.UpdatedBy,
            Action = AuditAction.RaidItemRecorded,
            Summary = Describe(stored),
            Subject = stored.ItemId,
        }, cancellationToken);
        return new(saved.Created ? RaidSaveOutcome.Created : RaidSaveOutcome.Saved, stored, errors, null);
    }

    private static string Describe(RaidItem item)
    {
        var kind = item.Kind.ToString();
        var score = item.Score is { } s ? $", score {s}" : string.Empty;
        var verb = item.Version == 1 ? "raised" : $"updated (version {item.Version})";
        return $"{kind} {item.ItemId} {verb}: {item.Title} ({item.Status.ToString().ToLowerInvariant()}{score})";
    }
}
