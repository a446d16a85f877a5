using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Closure;
using Delivery.Workflows.Stages;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// One instance per approved project (id from <see cref="InstanceIdFor"/>) that manages its exceptions: each
/// <see cref="ToleranceBreach"/> opens or worsens one (<see cref="OpenExceptionActivity"/>); each
/// <see cref="ExceptionReported"/> goes through an <see cref="ApprovalGateOrchestrator"/> to the level that set the
/// tolerance (<see cref="PlanExceptionGateActivity"/>), and its outcome is applied by
/// <see cref="DecideExceptionActivity"/>: plan approved and re-baselined, more information asked for, or closed early.
/// Each <see cref="ChangeSubmitted"/> is assessed against the project manager's delegation
/// (<see cref="AssessChangeActivity"/>): approved there and then within it, else gated the same way and decided by
/// <see cref="DecideChangeActivity"/>. Each <see cref="StageEndReported"/> goes through a stage gate to the same level
/// (<see cref="PlanStageGateActivity"/>) and is carried out by <see cref="DecideStageGateActivity"/>; each
/// <see cref="ClosureRequested"/> goes to the sponsor (<see cref="PlanClosureGateActivity"/>) and is carried out by
/// <see cref="DecideClosureActivity"/>; from version 3 (<see cref="ProjectLifecycle.LifecycleVersions.BenefitReviewsAfterClosure"/>)
/// an approved closure is followed by the <see cref="BenefitReviewOrchestrator"/>, after which this orchestration,
/// and with it the project's lifecycle, ends (version 2 instances keep looping as before).
/// Breaches, reports and changes keep being handled while others wait for decisions;
/// changes are assessed one at a time, so two never spend the same change budget.
/// </summary>
/// <remarks>
/// Breaches come once per episode and band and reports once per version, a handful in a project's life, so history
/// stays short without ContinueAsNew (which could drop an event raised while it restarts). A report or change
/// version raised twice (a retried request) is gated once.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Durable", "DURABLE0011", Justification = "Each turn waits for a breach, a report or a decision: a few in a project's life.")]
public sealed class ProjectControlOrchestrator : TaskOrchestrator<string, string?>
{
    public static string InstanceIdFor(string projectId) => "controls-" + projectId;

    public override async Task<string?> RunAsync(TaskOrchestrationContext context, string projectId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var breach = context.WaitForExternalEvent<ToleranceBreach>(ToleranceBreach.EventName);
        var reported = context.WaitForExternalEvent<ExceptionReported>(ExceptionReported.EventName);
        var changed = context.WaitForExternalEvent<ChangeSubmitted>(ChangeSubmitted.EventName);
        var gates = new List<(ExceptionReported Report, Task<ApprovalGateResult> Gate)>();
        var stageEnded = context.WaitForExternalEvent<StageEndReported>(StageEndReported.EventName);
        var changeGates = new List<(ChangeSubmitted Change, Task<ApprovalGateResult> Gate)>();
        var stageGates = new List<(StageEndReported Report, Task<ApprovalGateResult> Gate)>();
        var closureAsked = context.WaitForExternalEvent<ClosureRequested>(ClosureRequested.EventName);
        var closureGates = new List<(ClosureRequested Request, Task<ApprovalGateResult> Gate)>();
        var gated = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var done = await Task.WhenAny(gates.Select(g => (Task)g.Gate)
                .Concat(changeGates.Select(g => (Task)g.Gate))
                .Concat(stageGates.Select(g => (Task)g.Gate))
                .Concat(closureGates.Select(g => (Task)g.Gate))
                .Prepend(closureAsked).Prepend(stageEnded).Prepend(changed).Prepend(reported).Prepend(breach));
            if (done == breach)
            {
                await context.CallActivityAsync(nameof(OpenExceptionActivity), await breach, WorkflowRetry.Activity);
                breach = context.WaitForExternalEvent<ToleranceBreach>(ToleranceBreach.EventName);
            }
            else if (done == reported)
            {
                var report = await reported;
                reported = context.WaitForExternalEvent<ExceptionReported>(ExceptionReported.EventName);
                if (gated.Add(report.GateId))
                {
                    var plan = await context.CallActivityAsync<ControlGatePlan>(nameof(PlanExceptionGateActivity), report, WorkflowRetry.Activity);
                    if (plan.Route is { } exceptionRoute)
                    {
                        gates.Add((report, Gate(context, projectId, report.GateId, plan, exceptionRoute)));
                    }
                }
            }
            else if (done == changed)
            {
                var change = await changed;
                changed = context.WaitForExternalEvent<ChangeSubmitted>(ChangeSubmitted.EventName);
                if (gated.Add(change.GateId)
                    && await context.CallActivityAsync<ControlGatePlan?>(nameof(AssessChangeActivity), change, WorkflowRetry.Activity) is { Route: { } route } plan)
                {
                    changeGates.Add((change, Gate(context, projectId, change.GateId, plan, route)));
                }
            }
            else if (done == stageEnded)
            {
                var stageReport = await stageEnded;
                stageEnded = context.WaitForExternalEvent<StageEndReported>(StageEndReported.EventName);
                if (gated.Add(stageReport.GateId)
                    && await context.CallActivityAsync<ControlGatePlan>(nameof(PlanStageGateActivity), stageReport, WorkflowRetry.Activity) is { Route: { } stageRoute } stagePlan)
                {
                    stageGates.Add((stageReport, Gate(context, projectId, stageReport.GateId, stagePlan, stageRoute)));
                }
            }
            else if (done == closureAsked)
            {
                var closure = await closureAsked;
                closureAsked = context.WaitForExternalEvent<ClosureRequested>(ClosureRequested.EventName);
                if (gated.Add(closure.GateId)
                    && await context.CallActivityAsync<ControlGatePlan>(nameof(PlanClosureGateActivity), closure, WorkflowRetry.Activity) is { Route: { } closureRoute } closurePlan)
                {
                    closureGates.Add((closure, Gate(context, projectId, closure.GateId, closurePlan, closureRoute)));
                }
            }
            else if (closureGates.FirstOrDefault(g => g.Gate == done) is { Gate: not null } closed)
            {
                closureGates.Remove(closed);
                var closing = await closed.Gate;
                var carriedOut = await context.CallActivityAsync<bool>(nameof(DecideClosureActivity), new ClosureGateOutcome(closed.Request, closing), WorkflowRetry.Activity);
                if (carriedOut && closing.Outcome == Approvals.ApprovalOutcome.Approved
                    && context.CompareVersionTo(ProjectLifecycle.LifecycleVersions.BenefitReviewsAfterClosure) >= 0)
                {
                    // Version 3 on: the benefits reviews follow closure, and after the last one the lifecycle ends.
                    await context.CallSubOrchestratorAsync<string>(
                        nameof(BenefitReviewOrchestrator), projectId, new SubOrchestrationOptions(instanceId: BenefitReviewOrchestrator.InstanceIdFor(projectId)));
                    return "done";
                }
            }
            else if (stageGates.FirstOrDefault(g => g.Gate == done) is { Gate: not null } passed)
            {
                stageGates.Remove(passed);
                await context.CallActivityAsync(nameof(DecideStageGateActivity), new StageGateOutcome(passed.Report, await passed.Gate), WorkflowRetry.Activity);
            }
            else if (changeGates.FirstOrDefault(g => g.Gate == done) is { Gate: not null } decided)
            {
                changeGates.Remove(decided);
                await context.CallActivityAsync(nameof(DecideChangeActivity), new ChangeGateOutcome(decided.Change, await decided.Gate), WorkflowRetry.Activity);
            }
            else
            {
                var finished = gates.First(g => g.Gate == done);
                gates.Remove(finished);
                await context.CallActivityAsync(nameof(DecideExceptionActivity), new ExceptionGateOutcome(finished.Report, await finished.Gate), WorkflowRetry.Activity);
            }
        }
    }

    /// <summary>The approval gate of one control decision, as a sub-orchestration whose id the gate's id makes.</summary>
    private static Task<ApprovalGateResult> Gate(TaskOrchestrationContext context, string projectId, string gateId, ControlGatePlan plan, Approvals.ApprovalRoute route) =>
        context.CallSubOrchestratorAsync<ApprovalGateResult>(
            nameof(ApprovalGateOrchestrator),
            new ApprovalGateInput(projectId, gateId, plan.Subject, route, plan.Timing, Stage: null),
            new SubOrchestrationOptions(instanceId: ApprovalGateIds.Gate(context.InstanceId, gateId)));
}

/// <summary>Input of <see cref="DecideExceptionActivity"/>.</summary>
public sealed record ExceptionGateOutcome(ExceptionReported Report, ApprovalGateResult Result);
