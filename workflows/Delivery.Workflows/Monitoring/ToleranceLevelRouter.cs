using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// Routes what only the level that set the tolerances may decide (an exception report, a change beyond the project
/// manager's delegation) to that level: the person whose approval set the current baseline, or their escalation
/// contact when that person is the project's manager or requester (nobody decides on their own project). When neither
/// can, the audit trail says so and the item waits.
/// </summary>
public sealed class ToleranceLevelRouter(ApprovalPolicy policy, AuditLog audit, TimeProvider clock)
{
    public Task<ControlGatePlan> PlanAsync(ProjectDocument project, string gateId, string subject, string routeName, string note)
    {
        ArgumentNullException.ThrowIfNull(project);
        return PlanForAsync(project, policy.Find(project.Baseline?.ApprovedBy), "Set the tolerance", gateId, subject, routeName, note);
    }

    /// <summary>
    /// The same rules for what the project's sponsor decides (its closure): the sponsor, as the directory knows them
    /// by address, or their escalation contact when the sponsor manages or requested the project.
    /// </summary>
    public Task<ControlGatePlan> PlanForSponsorAsync(ProjectDocument project, string gateId, string subject, string routeName, string note)
    {
        ArgumentNullException.ThrowIfNull(project);
        return PlanForAsync(project, policy.FindByEmail(project.Request.Sponsor.Email), "Sponsor", gateId, subject, routeName, note);
    }

    private async Task<ControlGatePlan> PlanForAsync(ProjectDocument project, Approver? holder, string stepName, string gateId, string subject, string routeName, string note)
    {
        var chosen = new[] { holder, policy.Find(holder?.EscalationContactId) }
            .FirstOrDefault(p => p is not null && MayDecide(p, project));
        if (chosen is null)
        {
            await audit.AppendAsync($"{project.ProjectId}~{gateId}~routing-failed", new AuditEntry
            {
                Id = string.Empty,
                ProjectId = project.ProjectId,
                At = clock.GetUtcNow(),
                Actor = AuditEntry.System,
                Action = AuditAction.RoutingFailed,
                Summary = $"{subject} could not be routed: neither the person who decides it ({stepName.ToLowerInvariant()}) nor their escalation contact may.",
            }, CancellationToken.None);
            return new ControlGatePlan(null, policy.Timing, subject);
        }

        var contact = policy.Find(chosen.EscalationContactId) is { } c && MayDecide(c, project) ? c.Id : null;
        var route = new ApprovalRoute(routeName, [new ApprovalRound([new ApprovalStepPlan("r1s1", stepName, chosen.Id, contact)])], Note: note);
        return new ControlGatePlan(route, policy.Timing, subject);
    }

    private static bool MayDecide(Approver person, ProjectDocument project) =>
        !person.Is(project.SubmittedBy)
        && !string.Equals(person.Email, project.ProjectManager?.Email, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(person.Email, project.Request.Requester.Email, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The gate for something the level that set the tolerances decides: its route (null when nobody can), timings and subject.</summary>
public sealed record ControlGatePlan(ApprovalRoute? Route, ApprovalTiming Timing, string Subject);
