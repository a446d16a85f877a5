using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// One instance per approved project (id from <see cref="InstanceIdFor"/>) that manages its exceptions: each
/// <see cref="ToleranceBreach"/> opens or worsens one (<see cref="OpenExceptionActivity"/>); each
/// <see cref="ExceptionReported"/> goes through an <see cref="ApprovalGateOrchestrator"/> to the level that set the
/// tolerance (<see cref="PlanExceptionGateActivity"/>), and its outcome is applied by
/// <see cref="DecideExceptionActivity"/>: plan approved and re-baselined, more information asked for, or closed early.
/// Breaches keep being handled while a report waits for its decision.
/// </summary>
/// <remarks>
/// Breaches come once per episode and band and reports once per version, a handful in a project's life, so history
/// stays short without ContinueAsNew (which could drop an event raised while it restarts). A report version raised
/// twice (a retried request) is gated once.
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
        var gates = new List<(ExceptionReported Report, Task<ApprovalGateResult> Gate)>();
        var gated = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var done = await Task.WhenAny(gates.Select(g => (Task)g.Gate).Prepend(reported).Prepend(breach));
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
                    var plan = await context.CallActivityAsync<ExceptionGatePlan>(nameof(PlanExceptionGateActivity), report, WorkflowRetry.Activity);
                    if (plan.Route is not null)
                    {
                        gates.Add((report, context.CallSubOrchestratorAsync<ApprovalGateResult>(
                            nameof(ApprovalGateOrchestrator),
                            new ApprovalGateInput(projectId, report.GateId, plan.Subject, plan.Route, plan.Timing, Stage: null),
                            new SubOrchestrationOptions(instanceId: ApprovalGateIds.Gate(context.InstanceId, report.GateId)))));
                    }
                }
            }
            else
            {
                var finished = gates.First(g => g.Gate == done);
                gates.Remove(finished);
                await context.CallActivityAsync(nameof(DecideExceptionActivity), new ExceptionGateOutcome(finished.Report, await finished.Gate), WorkflowRetry.Activity);
            }
        }
    }
}

/// <summary>The gate for an exception report: its route (null when nobody can decide it), timings and subject.</summary>
public sealed record ExceptionGatePlan(ApprovalRoute? Route, ApprovalTiming Timing, string Subject);

/// <summary>Input of <see cref="DecideExceptionActivity"/>.</summary>
public sealed record ExceptionGateOutcome(ExceptionReported Report, ApprovalGateResult Result);
