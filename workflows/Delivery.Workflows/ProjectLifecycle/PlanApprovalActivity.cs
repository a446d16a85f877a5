using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>
/// Routes a business case through the scheme of delegation in settings. The band comes from the higher of the
/// request's estimate and the business case's total, so a requester cannot lower the route by writing a smaller
/// figure into the case; a resubmission that lands in another band is re-routed and the audit trail says so. The
/// requester is kept out of their own route (<see cref="ApprovalRouter"/>); when nobody eligible is left for a step,
/// the plan carries the problem instead of a route, the audit trail records it and the case goes back to the requester.
/// </summary>
/// <remarks>An activity, not orchestrator code, so the route is recorded in history and replays never re-read settings.</remarks>
public sealed class PlanApprovalActivity(ApprovalPolicy policy, ProjectRepository projects, BusinessCaseRepository cases, AuditLog audit, TimeProvider clock)
    : TaskActivity<PlanApproval, ApprovalPlan>
{
    public override async Task<ApprovalPlan> RunAsync(TaskActivityContext context, PlanApproval input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var estimate = project.Request.EstimatedCost.Total;
        var routedOn = Math.Max(estimate, input.TotalCost);
        var requester = new ProjectRequester(project.SubmittedBy, project.Request.Requester.Email);
        var key = $"{input.ProjectId}:{input.GateId ?? "gate"}";
        ApprovalRoute route;
        try
        {
            route = ApprovalRouter.Route(policy, routedOn, requester);
        }
        catch (ApprovalRoutingException ex)
        {
            await cases.UpdateAsync(input.ProjectId, c => c.Status == BusinessCaseStatus.Submitted ? c with { Status = BusinessCaseStatus.ChangesRequested } : null, CancellationToken.None);
            await AppendAsync(key + ":routing-failed", input.ProjectId, AuditAction.RoutingFailed, $"The approval could not be routed: {ex.Message}");
            return new ApprovalPlan(null, policy.Timing, ex.Message);
        }

        var figures = $"the request's estimate is {UkFormat.Money(estimate)} and the business case's total is {UkFormat.Money(input.TotalCost)}, so it is routed on {UkFormat.Money(routedOn)}";
        if (input.PreviousBand is { } previous && previous != route.Band)
        {
            var note = $"Re-routed from {previous} to {route.Band}: {figures}.";
            await AppendAsync(key + ":rerouted", input.ProjectId, AuditAction.Rerouted, note);
            route = route with { Note = note };
        }
        else if (input.TotalCost < estimate)
        {
            route = route with { Note = $"Routed as {route.Band}: {figures}." };
        }

        return new ApprovalPlan(route, policy.Timing);
    }

    private Task<bool> AppendAsync(string key, string projectId, AuditAction action, string summary) =>
        audit.AppendAsync(key, new AuditEntry
        {
            Id = string.Empty,
            ProjectId = projectId,
            At = clock.GetUtcNow(),
            Actor = AuditEntry.System,
            Action = action,
            Summary = summary,
        }, CancellationToken.None);
}
