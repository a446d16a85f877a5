using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// Routes an exception report to the level that set the tolerance: the person whose approval set the current
/// baseline, or their escalation contact when that person is the project's manager or requester (nobody decides on
/// their own project's exception). When neither can, the audit trail says so and the report waits.
/// </summary>
public sealed class PlanExceptionGateActivity(ProjectRepository projects, ApprovalPolicy policy, AuditLog audit, TimeProvider clock)
    : TaskActivity<ExceptionReported, ExceptionGatePlan>
{
    public override async Task<ExceptionGatePlan> RunAsync(TaskActivityContext context, ExceptionReported input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var subject = $"Exception report {input.ExceptionId}, version {input.ReportVersion}";
        var holder = policy.Find(project.Baseline?.ApprovedBy);
        var chosen = new[] { holder, policy.Find(holder?.EscalationContactId) }
            .FirstOrDefault(p => p is not null && MayDecide(p, project));
        if (chosen is null)
        {
            await audit.AppendAsync($"{input.ProjectId}~{input.GateId}~routing-failed", new AuditEntry
            {
                Id = string.Empty,
                ProjectId = input.ProjectId,
                At = clock.GetUtcNow(),
                Actor = AuditEntry.System,
                Action = AuditAction.RoutingFailed,
                Summary = $"{subject} could not be routed: neither the person who set the tolerance nor their escalation contact may decide it.",
            }, CancellationToken.None);
            return new ExceptionGatePlan(null, policy.Timing, subject);
        }

        var contact = policy.Find(chosen.EscalationContactId) is { } c && MayDecide(c, project) ? c.Id : null;
        var route = new ApprovalRoute(
            "Exception",
            [new ApprovalRound([new ApprovalStepPlan("r1s1", "Set the tolerance", chosen.Id, contact)])],
            Note: "An exception report goes to the level that set the tolerance: approve the exception plan, ask for more information, or reject it to close the project early.");
        return new ExceptionGatePlan(route, policy.Timing, subject);
    }

    private static bool MayDecide(Approver person, ProjectDocument project) =>
        !person.Is(project.SubmittedBy)
        && !string.Equals(person.Email, project.ProjectManager?.Email, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(person.Email, project.Request.Requester.Email, StringComparison.OrdinalIgnoreCase);
}
