using Delivery.Workflows.ApprovalGate;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Services;

/// <summary>
/// One instance per digital service (<see cref="ServiceLifecycleIds.InstanceIdFor"/>), started when the delivery
/// manager starts an approved DigitalService project's Discovery, beside its control orchestration: each
/// <see cref="ServiceMoveRequested"/> is planned (<see cref="PlanServiceMoveActivity"/>), Discovery to Alpha goes to
/// the sponsor through the existing <see cref="ApprovalGateOrchestrator"/>, and <see cref="ApplyServiceMoveActivity"/>
/// moves the service on or records the sponsor's refusal. Moves that need a met assessment were checked when asked
/// for (an assessment, once met, stays met). It ends when the service stops (<see cref="ServiceStopped"/>) or retires.
/// </summary>
/// <remarks>
/// A new orchestrator, so no running instance replays through it; it starts on host.json's default version like
/// every orchestration, and later changes branch on <see cref="ProjectLifecycle.LifecycleVersions"/> as the
/// lifecycle's do. Moves come one at a time (one pending move per service) and are a handful in a service's life, so
/// history stays short without ContinueAsNew.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Durable", "DURABLE0011", Justification = "Each turn waits for a person to ask for a move: a handful in a service's life.")]
public sealed class ServiceLifecycleOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string projectId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stopped = context.WaitForExternalEvent<ServiceStopped>(ServiceStopped.EventName);
        while (true)
        {
            var moved = context.WaitForExternalEvent<ServiceMoveRequested>(ServiceMoveRequested.EventName);
            if (await Task.WhenAny(moved, stopped) == stopped)
            {
                return "stopped";
            }

            var move = await moved;
            var plan = await context.CallActivityAsync<ServiceMovePlan>(nameof(PlanServiceMoveActivity), move, WorkflowRetry.Activity);
            if (!plan.Pending)
            {
                continue;
            }

            ApprovalGateResult? result = null;
            if (plan is { NeedsSponsor: true, Route: { } route, Timing: { } timing })
            {
                result = await context.CallSubOrchestratorAsync<ApprovalGateResult>(
                    nameof(ApprovalGateOrchestrator),
                    new ApprovalGateInput(projectId, move.GateId, plan.Subject, route, timing, Stage: null),
                    new SubOrchestrationOptions(instanceId: ApprovalGateIds.Gate(context.InstanceId, move.GateId)));
            }

            var phase = await context.CallActivityAsync<ServicePhase>(
                nameof(ApplyServiceMoveActivity), new ServiceMoveOutcome(move, plan.NeedsSponsor, result), WorkflowRetry.Activity);
            if (phase == ServicePhase.Retirement)
            {
                return "retired";
            }
        }
    }
}
