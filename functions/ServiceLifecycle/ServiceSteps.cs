using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ServiceLifecycle;

/// <summary>How a service command ended: done, the same again (a retry), bad fields, or not now (with the reason).</summary>
public enum ServiceOutcome
{
    Done,
    Unchanged,
    Invalid,
    NotNow,
}

/// <summary>What a service command did, the record as stored, the errors by field or the reason it is not now.</summary>
public sealed record ServiceResult(ServiceOutcome Outcome, ServiceRecord? Service, Dictionary<string, string[]> Errors, string? Reason = null)
{
    public static ServiceResult NotNow(ServiceRecord? service, string reason) => new(ServiceOutcome.NotNow, service, [], reason);
}

/// <summary>
/// A digital service's phases, one set of rules for the API and the pages: only the project's manager (the delivery
/// manager) of an approved DigitalService project starts Discovery, asks to move on and stops the service; moving on
/// from an assessed phase needs a met assessment of it; Discovery to Alpha goes to the sponsor through the approval
/// gate on the service's orchestration. Every change is audited once; the same command again changes nothing.
/// </summary>
public sealed class ServiceSteps(ProjectRepository projects, ServiceRepository services, Delivery.Workflows.Monitoring.ControlsView controls, ApprovalPolicy directory, ServicePolicy policy, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project, or the refusal: 404 when the person may not see it, 403 unless they manage it, 409 unless it is an approved digital service.</summary>
    public async Task<(ProjectDocument? Project, IResult? Refusal)> ForManagingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (project, notFound) = await ProjectRecordAccess.ForReadingAsync(id, user, projects, cancellationToken);
        if (notFound is not null)
        {
            return (null, notFound);
        }

        if (!ProjectRecordAccess.IsManager(user, project!, directory))
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the service's delivery manager (the project's manager) can run its phases."));
        }

        return Refusal(project!) is { } reason ? (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", reason)) : (project, null);
    }

    /// <summary>Why the project cannot run service phases now, or null.</summary>
    public static string? Refusal(ProjectDocument project) => ServiceRecordAccess.ClosedReason(project, "service phases", "a service runs its phases");

    public async Task<ServiceResult> StartAsync(ProjectDocument project, string userId, PhaseBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var (plan, errors) = body.Read(ServicePhase.Discovery, project, directory, limits, ProjectRecordAccess.Today(now));
        if (plan is null)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        var created = await services.TryCreateAsync(new ServiceRecord
        {
            ProjectId = project.ProjectId,
            Phase = ServicePhase.Discovery,
            Phases = [plan with { EnteredAt = now }],
            StartedBy = userId,
            StartedAt = now,
        }, cancellationToken);
        var service = (await services.GetAsync(project.ProjectId, cancellationToken))!;
        if (!created && !service.Phases[0].SamePlanAs(plan))
        {
            return ServiceResult.NotNow(service, "The service has started already; its phases move on by moves (POST …/service/moves/{moveId}).");
        }

        // Audited, worded and started on a retry too: a start cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~service~started", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = service.StartedAt,
            Actor = service.StartedBy,
            Action = AuditAction.ServiceStarted,
            Summary = $"The service started Discovery (budget {Delivery.Workflows.Notifications.Templates.UkFormat.Money(plan.Budget)}, planned to end {plan.PlannedEnd:yyyy-MM-dd}, a team of {plan.TeamIds.Count})",
            Subject = nameof(ServicePhase.Discovery),
        }, cancellationToken);
        await SayAsync(service, cancellationToken);
        await ServiceOrchestration.EnsureStartedAsync(client, project.ProjectId, cancellationToken);
        return new(created ? ServiceOutcome.Done : ServiceOutcome.Unchanged, service, errors);
    }

    public async Task<ServiceResult> MoveAsync(ProjectDocument project, string userId, string moveId, PhaseBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        if (await services.GetAsync(project.ProjectId, cancellationToken) is not { } service)
        {
            return ServiceResult.NotNow(null, "Start the service's Discovery first (PUT …/service).");
        }

        if (service.Moves.FirstOrDefault(m => m.MoveId == moveId) is not null)
        {
            return new(ServiceOutcome.Unchanged, service, []);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(moveId))
        {
            errors["moveId"] = ["Give the move an id of 1 to 64 letters, digits, '-' or '_', like to-alpha."];
        }

        var to = RecordRules.Choice<ServicePhase>("to", body.To, required: true, errors);
        var next = service.Phase.Next();
        if (to is not null && to != next)
        {
            errors["to"] = [next is null ? "The service is retired: there is no phase after Retirement." : $"The service is in {service.Phase.Title()}: it can move on only to {next}."];
        }

        var (plan, planErrors) = body.Read(to ?? ServicePhase.Discovery, project, directory, limits, ProjectRecordAccess.Today(now));
        foreach (var (field, messages) in planErrors)
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        if (service.Pending is { } pending)
        {
            if (pending.MoveId != moveId || !pending.Next.SamePlanAs(plan!))
            {
                return ServiceResult.NotNow(service, $"Moving to {pending.Next.Phase.Title()} ({pending.MoveId}) waits for a decision already.");
            }
        }
        else
        {
            if (service.Status != ServiceStatus.Active)
            {
                return ServiceResult.NotNow(service, $"The service is {service.Status.ToString().ToLowerInvariant()}: it does not move on.");
            }

            string? met = null;
            if (policy.NeedsAssessment(service.Phase))
            {
                met = (await services.ListAssessmentsAsync(project.ProjectId, cancellationToken))
                    .LastOrDefault(a => a.Phase == service.Phase && a.Outcome == AssessmentOutcome.Met)?.AssessmentId;
                if (met is null)
                {
                    return ServiceResult.NotNow(service, $"Moving on from {service.Phase.Title()} needs a met Service Standard assessment of {service.Phase.Title()}: ask for one (PUT …/assessments/{{assessmentId}}), or a reassessment of the points not met.");
                }
            }

            var from = service.Phase;
            service = await services.UpdateAsync(project.ProjectId, s => s.Pending is null && s.Phase == from && s.Status == ServiceStatus.Active
                ? s with { Pending = new PendingMove(moveId, from, plan!, userId, now, met) }
                : null, cancellationToken);
            if (service?.Pending?.MoveId != moveId)
            {
                return ServiceResult.NotNow(service, "The service changed meanwhile: read it again.");
            }
        }

        var asked = service!.Pending!;
        await audit.AppendAsync($"{project.ProjectId}~phase-{moveId}~requested", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = asked.RequestedAt,
            Actor = asked.RequestedBy,
            Action = AuditAction.ServicePhaseRequested,
            Summary = $"Asked to move the service from {asked.From.Title()} to {asked.Next.Phase.Title()}"
                + (ServicePolicy.NeedsSponsor(asked.From) ? ": the sponsor decides" : asked.AssessmentId is null ? string.Empty : $", on assessment {asked.AssessmentId} (met)"),
            Subject = asked.Next.Phase.ToString(),
        }, cancellationToken);
        if (ServicePolicy.NeedsSponsor(asked.From))
        {
            await SayAsync(service, cancellationToken);
        }

        await ServiceOrchestration.RaiseAsync(client, project.ProjectId, ServiceMoveRequested.EventName, new ServiceMoveRequested(project.ProjectId, moveId), cancellationToken);
        return new(ServiceOutcome.Done, service, errors);
    }

    public async Task<ServiceResult> StopAsync(ProjectDocument project, string userId, StopBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Text("reasons", body.Reasons, limits.MaxTextLength, required: true, errors);
        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        var reasons = body.Reasons!.Trim();
        if (await services.GetAsync(project.ProjectId, cancellationToken) is not { } service)
        {
            return ServiceResult.NotNow(null, "Start the service's Discovery first (PUT …/service).");
        }

        var retry = service.Stop?.Reasons == reasons;
        if (!retry)
        {
            if (service.Status != ServiceStatus.Active || !service.Phase.MayStop() || service.Pending is not null)
            {
                return ServiceResult.NotNow(service, service.Pending is not null
                    ? "A move waits for a decision: a service stops only while nothing is pending."
                    : $"The service is {service.Status.ToString().ToLowerInvariant()} in {service.Phase.Title()}: it may stop only after Discovery or Alpha.");
            }

            var now = clock.GetUtcNow();
            service = await services.UpdateAsync(project.ProjectId, s => s.Status == ServiceStatus.Active && s.Pending is null && s.Phase.MayStop()
                ? s with
                {
                    Status = ServiceStatus.Stopped,
                    Stop = new ServiceStop(s.Phase, reasons, userId, now),
                    Phases = [.. s.Phases.Take(s.Phases.Count - 1), s.Current with { EndedAt = now }],
                }
                : null, cancellationToken);
            if (service?.Stop?.Reasons != reasons)
            {
                return ServiceResult.NotNow(service, "The service changed meanwhile: read it again.");
            }
        }

        var stop = service.Stop!;
        await audit.AppendAsync($"{project.ProjectId}~service~stopped", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stop.StoppedAt,
            Actor = stop.StoppedBy,
            Action = AuditAction.ServiceStopped,
            Summary = $"The service stopped after {stop.After.Title()}: we learned not to build it",
            Comment = stop.Reasons,
            Subject = stop.After.ToString(),
        }, cancellationToken);
        await SayAsync(service, cancellationToken);
        await ServiceOrchestration.StopAsync(client, project.ProjectId, cancellationToken);
        return new(retry ? ServiceOutcome.Unchanged : ServiceOutcome.Done, service, errors);
    }

    /// <summary>The project document says where the service is, and its figures follow: the tolerance monitor watches its phase (none once stopped), the portfolio shows it, the team's reminders go on.</summary>
    private async Task SayAsync(ServiceRecord service, CancellationToken cancellationToken)
    {
        var words = ServiceWords.WaitingFor(service);
        await projects.UpdateAsync(service.ProjectId, p => p.WaitingFor == words ? null : p with { WaitingFor = words }, cancellationToken);
        await controls.RefreshAsync(service.ProjectId, cancellationToken);
    }
}
