using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Services;

/// <summary>
/// Carries out a planned move: approved (or not needing the sponsor), the service enters its next phase, the one it
/// left ends, and the project says so; declined (or not routable), the move is recorded as not approved and the service
/// stays. Audited once under the move's key, and the service document changes only while the move is still pending,
/// so a retried activity changes nothing more.
/// </summary>
public sealed class ApplyServiceMoveActivity(ServiceRepository services, ProjectRepository projects, Monitoring.ControlsView controls, AuditLog audit, TimeProvider clock) : TaskActivity<ServiceMoveOutcome, ServicePhase>
{
    public override async Task<ServicePhase> RunAsync(TaskActivityContext context, ServiceMoveOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var move = input.Move;
        var now = clock.GetUtcNow();
        var approved = !input.NeedsSponsor || input.Result?.Outcome == ApprovalOutcome.Approved;
        var deciding = input.Result?.Deciding;
        var by = deciding?.DecidedBy ?? AuditEntry.System;
        var at = deciding?.DecidedAt ?? now;
        PendingMove? applied = null;
        var service = await services.UpdateAsync(move.ProjectId, s =>
        {
            if (s.Pending?.MoveId != move.MoveId)
            {
                return null;
            }

            applied = s.Pending;
            var decided = new PhaseMove(applied.MoveId, applied.From, applied.Next.Phase, approved, by, at, applied.AssessmentId);
            return approved
                ? s with
                {
                    Phase = applied.Next.Phase,
                    Status = applied.Next.Phase == ServicePhase.Retirement ? ServiceStatus.Retired : s.Status,
                    Phases = [.. s.Phases.Take(s.Phases.Count - 1), s.Current with { EndedAt = at }, applied.Next with { EnteredAt = at }],
                    Pending = null,
                    Moves = [.. s.Moves, decided],
                }
                : s with { Pending = null, Moves = [.. s.Moves, decided] };
        }, CancellationToken.None) ?? throw new InvalidOperationException($"Service {move.ProjectId} does not exist.");

        // On a retry the move is no longer pending: the audit and the project's words come from the recorded move.
        var recorded = service.Moves.LastOrDefault(m => m.MoveId == move.MoveId);
        if (recorded is null)
        {
            return service.Phase;
        }

        await audit.AppendAsync($"{move.ProjectId}~{move.GateId}~decided", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = move.ProjectId,
            At = recorded.DecidedAt,
            Actor = recorded.DecidedBy,
            OnBehalfOf = deciding?.OnBehalfOf,
            Action = recorded.Approved ? AuditAction.ServicePhaseChanged : AuditAction.ServicePhaseDeclined,
            Summary = recorded.Approved
                ? $"The service moved from {recorded.From.Title()} to {recorded.To.Title()}"
                    + (recorded.AssessmentId is null ? string.Empty : $" on assessment {recorded.AssessmentId}, met")
                : input.Result is null
                    ? $"Moving the service from {recorded.From.Title()} to {recorded.To.Title()} could not be routed to the sponsor: it stays in {recorded.From.Title()}"
                    : $"The sponsor did not approve moving the service from {recorded.From.Title()} to {recorded.To.Title()} ({input.Result.Outcome}): it stays in {recorded.From.Title()}",
            Subject = recorded.To.ToString(),
        }, CancellationToken.None);
        await projects.UpdateAsync(move.ProjectId, p =>
        {
            var words = ServiceWords.WaitingFor(service);
            return p.WaitingFor == words ? null : p with { WaitingFor = words };
        }, CancellationToken.None);

        // The tolerance monitor watches the new phase's budget and planned end, the portfolio shows the phase, and a
        // retired service has no more retrospectives (again on a retry).
        await controls.RefreshAsync(move.ProjectId, CancellationToken.None);
        return service.Phase;
    }
}

/// <summary>What the project document says a service waits for, in words.</summary>
public static class ServiceWords
{
    public static string WaitingFor(ServiceRecord service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Status switch
        {
            ServiceStatus.Stopped => $"Nothing: the service stopped after {service.Stop?.After.Title()}",
            ServiceStatus.Retired => "Nothing: the service is retired",
            _ when service.Pending is { } p => $"The sponsor's decision on moving the service from {p.From.Title()} to {p.Next.Phase.Title()}",
            _ => $"The service's {service.Phase.Title()} phase, planned to end {Notifications.Templates.UkFormat.Date(service.Current.PlannedEnd)}",
        };
    }
}
