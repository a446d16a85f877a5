using Microsoft.DurableTask;
using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>
/// One instance per project (id from <see cref="LifecycleEvents.InstanceIdFor"/>), from request to approved project:
/// wait for each business case the cost calls for, put it through an <see cref="ApprovalGateOrchestrator"/>, loop on
/// "changes requested", and on approval move the project to Initiation. The custom status and the project
/// document always say the stage and what it waits for (the status with people as ids, the document with names).
/// </summary>
/// <remarks>
/// Versioned (<see cref="LifecycleVersions"/>): instances started on version 1 had their receipt sent by intake and
/// skip <see cref="SendReceiptActivity"/>; from version 2 it is the lifecycle's first activity.
/// </remarks>
// DURABLE0011 (unbounded loop without ContinueAsNew): every turn of these loops waits for a person (a delegation, a
// resubmission, a round's progress), so history grows by a few events per human action: tens in a project's life.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Durable", "DURABLE0011", Justification = "Each iteration waits for a human action.")]
public sealed class ProjectLifecycleOrchestrator : TaskOrchestrator<LifecycleInput, LifecycleOutcome>
{
    public override async Task<LifecycleOutcome> RunAsync(TaskOrchestrationContext context, LifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var stages = new StageSetter(context, input.ProjectId);
        if (context.CompareVersionTo(LifecycleVersions.ReceiptByLifecycle) >= 0)
        {
            await context.CallActivityAsync(nameof(SendReceiptActivity), input.ProjectId, WorkflowRetry.Activity);
        }

        var plan = await context.CallActivityAsync<LifecyclePlan>(nameof(PlanLifecycleActivity), input.ProjectId, WorkflowRetry.Activity);
        var withdrawn = context.WaitForExternalEvent<Withdrawal>(LifecycleEvents.Withdrawn);
        (StepDecision Decision, BusinessCaseSubmission Submission)? approved = null;
        string? previousBand = null;
        foreach (var kind in plan.Kinds)
        {
            await stages.SetAsync(ProjectStage.BusinessCase, Wait.For($"The {kind.Title()} from the requester"));
            while (true)
            {
                var submitted = context.WaitForExternalEvent<BusinessCaseSubmission>(LifecycleEvents.BusinessCaseSubmitted);
                if (await Task.WhenAny(submitted, withdrawn) == withdrawn)
                {
                    return await stages.EndAsync(ProjectStage.Withdrawn, Wait.For("Nothing: the requester withdrew it"));
                }

                var submission = await submitted;
                var subject = $"{kind.Title()}, version {submission.Version}";
                var gateId = $"{kind.Code()}-v{submission.Version}";
                var approval = await context.CallActivityAsync<ApprovalPlan>(
                    nameof(PlanApprovalActivity), new PlanApproval(input.ProjectId, submission.TotalCost, gateId, previousBand), WorkflowRetry.Activity);
                if (approval.Route is null)
                {
                    // Nobody eligible can approve a step (e.g. the requester is the only holder of a role): the case
                    // goes back to the requester, to resubmit once the scheme of delegation has someone else.
                    await stages.SetAsync(ProjectStage.BusinessCase, Wait.For($"The {kind.Title()} to be resubmitted: it could not be routed for approval. {approval.Problem}"));
                    continue;
                }

                previousBand = approval.Route.Band;
                context.SetCustomStatus(new LifecycleStatus(ProjectStage.Approval, Wait.For($"Approval of the {subject}")));
                var gate = context.CallSubOrchestratorAsync<ApprovalGateResult>(
                    nameof(ApprovalGateOrchestrator),
                    new ApprovalGateInput(input.ProjectId, gateId, subject, approval.Route, approval.Timing, ProjectStage.Approval),
                    new SubOrchestrationOptions(instanceId: ApprovalGateIds.Gate(context.InstanceId, gateId)));
                var result = await FollowGateAsync(context, gateId, gate);
                await context.CallActivityAsync(nameof(RecordGateOutcomeActivity), new GateOutcome(input.ProjectId, kind, subject, result), WorkflowRetry.Activity);
                if (result.Outcome == ApprovalOutcome.Withdrawn || withdrawn.IsCompleted)
                {
                    return await stages.EndAsync(ProjectStage.Withdrawn, Wait.For("Nothing: the requester withdrew it"));
                }

                if (result.Outcome == ApprovalOutcome.Rejected)
                {
                    return await stages.EndAsync(ProjectStage.Rejected, Wait.For("Nothing: the project was not approved"));
                }

                if (result.Outcome == ApprovalOutcome.Approved)
                {
                    approved = (result.Deciding!, submission);
                    break;
                }

                await stages.SetAsync(ProjectStage.BusinessCase, Wait.For($"Changes to the {kind.Title()} from the requester"));
            }
        }

        var (decision, final) = approved!.Value;
        var waitingFor = await context.CallActivityAsync<Wait>(
            nameof(StartInitiationActivity),
            new InitiationStart(input.ProjectId, decision, final.TotalCost, final.Milestones, stages.NextAuditKey()),
            WorkflowRetry.Activity);
        context.SetCustomStatus(new LifecycleStatus(ProjectStage.Initiation, waitingFor));
        return new LifecycleOutcome(ProjectStage.Initiation);
    }

    /// <summary>
    /// Waits for the gate while copying each round's wait (whom it waits for) into the custom status, as the gate
    /// writes it on the project document. The progress wait is cancelled when the gate ends, so a later gate's events
    /// never meet a stale waiter; progress of an earlier gate (a message that came late) is ignored.
    /// </summary>
    private static async Task<ApprovalGateResult> FollowGateAsync(TaskOrchestrationContext context, string gateId, Task<ApprovalGateResult> gate)
    {
        using var gateEnded = new CancellationTokenSource();
        while (true)
        {
            var progress = context.WaitForExternalEvent<ApprovalGateProgress>(ApprovalGateProgress.EventName, gateEnded.Token);
            if (await Task.WhenAny(gate, progress) == gate)
            {
                // Synchronous on purpose: CancelAsync would resume this orchestrator off its replay thread.
                gateEnded.Cancel();
                return await gate;
            }

            var round = await progress;
            if (round.GateId == gateId)
            {
                context.SetCustomStatus(new LifecycleStatus(ProjectStage.Approval, round.WaitingFor));
            }
        }
    }

    /// <summary>Sets stage and wait on both the project document and the custom status, with once-only audit keys.</summary>
    private sealed class StageSetter(TaskOrchestrationContext context, string projectId)
    {
        private int _changes;

        public string NextAuditKey() => $"{context.InstanceId}:stage:{++_changes}";

        public async Task SetAsync(ProjectStage stage, Wait waitingFor)
        {
            context.SetCustomStatus(new LifecycleStatus(stage, waitingFor));
            await context.CallActivityAsync(nameof(SetProjectStageActivity), new StageChange(projectId, stage, waitingFor, NextAuditKey()), WorkflowRetry.Activity);
        }

        public async Task<LifecycleOutcome> EndAsync(ProjectStage stage, Wait waitingFor)
        {
            await SetAsync(stage, waitingFor);
            return new LifecycleOutcome(stage);
        }
    }
}
