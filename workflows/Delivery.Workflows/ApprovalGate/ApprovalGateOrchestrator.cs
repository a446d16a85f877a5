using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// One approval gate: rounds one after another, the steps of a round in parallel (each an
/// <see cref="ApprovalStepOrchestrator"/>). All must approve; the first rejection or request for changes ends the
/// gate and cancels the steps still open. Reused by every gate in the product: business case approval, stage
/// gates, change requests, exceptions and closure.
/// </summary>
public sealed class ApprovalGateOrchestrator : TaskOrchestrator<ApprovalGateInput, ApprovalGateResult>
{
    public override async Task<ApprovalGateResult> RunAsync(TaskOrchestrationContext context, ApprovalGateInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var decisions = new List<StepDecision>();
        for (var r = 0; r < input.Route.Rounds.Count; r++)
        {
            var round = input.Route.Rounds[r];
            var isFinal = r == input.Route.Rounds.Count - 1;
            context.SetCustomStatus(new ApprovalGateStatus(r + 1, input.Route.Rounds.Count, round.Steps.Select(s => s.ApproverId).ToList()));
            if (input.Stage is { } stage)
            {
                var wait = new Wait($"Approval of the {input.Subject}", round.Steps.Select(s => new WaitingOn(s.ApproverId, s.Label)).ToList());
                if (context.Parent is { } parent)
                {
                    context.SendEvent(parent.InstanceId, ApprovalGateProgress.EventName, new ApprovalGateProgress(input.GateId, wait));
                }

                await context.CallActivityAsync(
                    nameof(SetProjectStageActivity),
                    new StageChange(input.ProjectId, stage, wait, $"{context.InstanceId}:round:{r + 1}"),
                    WorkflowRetry.Activity);
            }

            var running = round.Steps.ToDictionary(
                step => context.CallSubOrchestratorAsync<StepDecision>(
                    nameof(ApprovalStepOrchestrator),
                    new ApprovalStepInput(input.ProjectId, input.GateId, input.Subject, step, input.Timing, isFinal, input.Route.Note),
                    new SubOrchestrationOptions(instanceId: ApprovalGateIds.Step(context.InstanceId, step.Key))),
                step => step);
            while (running.Count > 0)
            {
                var done = await Task.WhenAny(running.Keys);
                running.Remove(done);
                var decision = await done;
                decisions.Add(decision);
                if (decision.Outcome != ApprovalOutcome.Approved)
                {
                    foreach (var open in running.Values)
                    {
                        context.SendEvent(ApprovalGateIds.Step(context.InstanceId, open.Key), ApprovalEvents.StepSignal, new StepSignal(StepSignalKind.Cancel));
                    }

                    // The gate closes the open steps itself instead of waiting for their orchestrations: closing is
                    // idempotent on the step document and returns a decision that won the race, so a cancel message
                    // that is slow or lost never holds the gate (and the lifecycle) open. A step orchestration still
                    // running ends on its cancel, or at its next chase, which finds the step closed.
                    var closing = running.Values.Select(open => context.CallActivityAsync<StepDecision>(
                        nameof(CloseApprovalStepActivity),
                        new CloseApprovalStep(ApprovalStepDocument.IdFor(input.ProjectId, input.GateId, open.Key), ApprovalOutcome.Cancelled),
                        WorkflowRetry.Activity));
                    decisions.AddRange(await Task.WhenAll(closing));
                    return new ApprovalGateResult(decision.Outcome, decisions);
                }

                if (!isFinal || running.Count > 0)
                {
                    // The gate goes on: tell the requester this step passed.
                    await context.CallActivityAsync(nameof(NotifyStepDecisionActivity), decision.StepId, WorkflowRetry.Activity);
                }
            }
        }

        return new ApprovalGateResult(ApprovalOutcome.Approved, decisions);
    }
}
