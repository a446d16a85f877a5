using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Retrospectives;

/// <summary>What a cadence or retrospective command did: the outcome, the record as stored, the errors by field or the reason.</summary>
public sealed record CadenceResult<T>(ServiceOutcome Outcome, T? Record, Dictionary<string, string[]> Errors, string? Reason = null, bool Forbidden = false)
    where T : class;

/// <summary>
/// A service team's cadence and retrospectives: the delivery manager sets the iteration length and records each
/// iteration's retrospective once, with its actions; an action's owner or the delivery manager says it is done. Each
/// change is audited once and refreshes the project's figures, from which the daily reminder reads what is due.
/// </summary>
public sealed class CadenceSteps(CadenceRepository cadences, ApprovalPolicy directory, AuditLog audit, ControlsView controls, InputLimits limits, TimeProvider clock)
{
    public async Task<CadenceResult<TeamCadence>> SetAsync(ProjectDocument project, string userId, CadenceBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var errors = body.Check(project, limits, ProjectRecordAccess.Today(now));
        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        var read = await cadences.GetAsync(project.ProjectId, cancellationToken);
        if (read is not null && read.IterationDays == body.IterationDays && read.FirstIterationStart == body.FirstIterationStart)
        {
            return new(ServiceOutcome.Unchanged, read, errors);
        }

        var wanted = new TeamCadence { ProjectId = project.ProjectId, IterationDays = body.IterationDays!.Value, FirstIterationStart = body.FirstIterationStart!.Value, SetBy = userId, SetAt = now };
        if (await cadences.SaveAsync(wanted, read, cancellationToken) is not { } stored)
        {
            return new(ServiceOutcome.NotNow, null, [], "The cadence changed meanwhile: read it again.");
        }

        // Keyed by the values, so the same cadence sent again is audited once and a later change gets its own line.
        await audit.AppendAsync($"{project.ProjectId}~cadence~{stored.IterationDays}~{stored.FirstIterationStart:yyyy-MM-dd}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = now,
            Actor = userId,
            Action = AuditAction.CadenceSet,
            Summary = $"Iterations of {stored.IterationDays} days from {stored.FirstIterationStart:yyyy-MM-dd}",
        }, cancellationToken);
        await controls.RefreshAsync(project.ProjectId, cancellationToken);
        return new(ServiceOutcome.Done, stored, errors);
    }

    public async Task<CadenceResult<Retrospective>> RecordAsync(ProjectDocument project, string userId, int iteration, RetrospectiveBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var today = ProjectRecordAccess.Today(now);
        var (actions, errors) = body.Read(project, directory, limits, today);
        if (await cadences.GetAsync(project.ProjectId, cancellationToken) is not { } cadence)
        {
            return errors.Count > 0 ? new(ServiceOutcome.Invalid, null, errors) : new(ServiceOutcome.NotNow, null, [], "Set the team's iteration length first (PUT …/cadence).");
        }

        if (cadence.StartOf(iteration) > today)
        {
            errors["iteration"] = [$"Iteration {iteration} starts {cadence.StartOf(iteration):yyyy-MM-dd}: a retrospective is recorded once its iteration has begun."];
        }

        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        var wanted = new Retrospective
        {
            ProjectId = project.ProjectId,
            Iteration = iteration,
            HeldOn = body.HeldOn!.Value,
            WentWell = body.WentWell!.Trim(),
            ToImprove = body.ToImprove!.Trim(),
            Actions = actions,
            RecordedBy = userId,
            RecordedAt = now,
        };
        var created = await cadences.TryCreateRetrospectiveAsync(wanted, cancellationToken);
        var stored = (await cadences.GetRetrospectiveAsync(project.ProjectId, iteration, cancellationToken))!;
        if (!created && !stored.SameAs(wanted))
        {
            return new(ServiceOutcome.NotNow, null, [], $"Iteration {iteration}'s retrospective is recorded already; its actions are closed one by one.");
        }

        // Audited and refreshed on a retry too: a recording cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~retrospective~{iteration}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.RetrospectiveRecorded,
            Summary = $"Retrospective of iteration {iteration} held {stored.HeldOn:yyyy-MM-dd}, {stored.Actions.Count} action(s)",
            Subject = iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        await controls.RefreshAsync(project.ProjectId, cancellationToken);
        return new(created ? ServiceOutcome.Done : ServiceOutcome.Unchanged, stored, errors);
    }

    /// <summary>An action done, by its owner or the delivery manager; audited once.</summary>
    public async Task<CadenceResult<Retrospective>> ActionDoneAsync(ProjectDocument project, int iteration, string actionId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var retrospective = await cadences.GetRetrospectiveAsync(project.ProjectId, iteration, cancellationToken);
        if (retrospective?.Actions.FirstOrDefault(a => a.ActionId == actionId) is not { } action)
        {
            return new(ServiceOutcome.Invalid, null, new() { ["actionId"] = [$"Iteration {iteration}'s retrospective has no action {actionId}."] });
        }

        if (!ProjectRecordAccess.IsManager(user, project, directory) && !string.Equals(action.OwnerId, user.UserId(), StringComparison.OrdinalIgnoreCase))
        {
            return new(ServiceOutcome.NotNow, null, [], "Only the action's owner or the delivery manager says it is done.", Forbidden: true);
        }

        var stored = await cadences.UpdateRetrospectiveAsync(project.ProjectId, iteration, r => r.Actions.Any(a => a.ActionId == actionId && !a.Done)
            ? r with { Actions = r.Actions.Select(a => a.ActionId == actionId ? a with { Done = true } : a).ToList() }
            : null, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~retrospective~{iteration}~action~{actionId}~done", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = user.UserId(),
            Action = AuditAction.RetrospectiveActionDone,
            Summary = $"Action {actionId} of iteration {iteration}'s retrospective done",
            Subject = iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        await controls.RefreshAsync(project.ProjectId, cancellationToken);
        return new(ServiceOutcome.Done, stored, []);
    }
}
