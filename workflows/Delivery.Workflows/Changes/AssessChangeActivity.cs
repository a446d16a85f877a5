using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Changes;

/// <summary>
/// Assesses a sent change against the project manager's delegated tolerance (<see cref="ChangeDelegation"/>). Within
/// it, the change is approved automatically and carried out here; beyond it, it waits for the board and this returns
/// the gate to send it through (the level that set the tolerances). Assessed once per version: a retry finds the
/// stored assessment and finishes what is left.
/// </summary>
public sealed class AssessChangeActivity(
    ChangeRepository changes, ProjectRepository projects, MilestoneRepository milestones, ChangeDecider decider, ToleranceLevelRouter router, ApprovalPolicy policy, TimeProvider clock)
    : TaskActivity<ChangeSubmitted, ControlGatePlan?>
{
    public override async Task<ControlGatePlan?> RunAsync(TaskActivityContext context, ChangeSubmitted input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var change = await changes.GetAsync(input.ProjectId, input.ChangeId, CancellationToken.None);
        if (change?.Status == ChangeStatus.Submitted && change.Version == input.Version && project.Baseline is { } baseline)
        {
            var now = clock.GetUtcNow();
            var assessment = ChangeDelegation.Assess(baseline, await milestones.ListAsync(project, CancellationToken.None), change, policy.BankHolidays);
            change = await changes.UpdateAsync(input.ProjectId, input.ChangeId, c => c.Version == input.Version && c.Status == ChangeStatus.Submitted
                ? c with
                {
                    Assessment = assessment,
                    Status = assessment.WithinDelegation ? ChangeStatus.Approved : ChangeStatus.AwaitingDecision,
                    Decision = assessment.WithinDelegation ? new ChangeDecision(ApprovalOutcome.Approved, AuditEntry.System, now, Automatic: true) : null,
                }
                : null, CancellationToken.None);
        }

        if (change is null || change.Version != input.Version)
        {
            return null;
        }

        if (change is { Status: ChangeStatus.Approved, Decision: { Automatic: true } automatic })
        {
            await decider.ApplyAsync(input, change, new StepDecision("automatic", ApprovalOutcome.Approved, automatic.DecidedBy, null, null, automatic.DecidedAt));
            return null;
        }

        return change.Status != ChangeStatus.AwaitingDecision ? null : await router.PlanAsync(
            project,
            input.GateId,
            $"Change {input.ChangeId}, version {input.Version}",
            "Change",
            "A change beyond the project manager's delegated tolerance goes to the level that set the tolerances: approve it to re-baseline the project, ask for more information, or reject it.");
    }
}

/// <summary>Input of <see cref="DecideChangeActivity"/>.</summary>
public sealed record ChangeGateOutcome(ChangeSubmitted Change, ApprovalGate.ApprovalGateResult Result);
