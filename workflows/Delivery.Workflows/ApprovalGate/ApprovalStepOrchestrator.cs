using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// One approval step: asks the approver, then waits for a decision, reminding them after N working days and
/// escalating to their escalation contact after M (the due dates come from the activity that opens the step). Each
/// chase is a durable timer raced with the step's signal and cancelled when the signal wins; delegation sends the
/// delegate their own link and keeps waiting.
/// </summary>
/// <remarks>
/// The decision itself is recorded by whoever decides (ETag-guarded on the step document), so this orchestration
/// only learns of it. If that signal were lost, the next chase finds the decision on the document and ends the
/// step instead of chasing.
/// </remarks>
// DURABLE0011 (unbounded loop without ContinueAsNew): every turn of these loops waits for a person (a delegation, a
// resubmission, a round's progress), so history grows by a few events per human action: tens in a project's life.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Durable", "DURABLE0011", Justification = "Each iteration waits for a human action.")]
public sealed class ApprovalStepOrchestrator : TaskOrchestrator<ApprovalStepInput, StepDecision>
{
    public override async Task<StepDecision> RunAsync(TaskOrchestrationContext context, ApprovalStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var opened = await context.CallActivityAsync<StepOpened>(
            nameof(OpenApprovalStepActivity), new OpenApprovalStep(context.InstanceId, input), WorkflowRetry.Activity);
        var signal = context.WaitForExternalEvent<StepSignal>(ApprovalEvents.StepSignal);
        var timing = input.Timing;
        var chases = new[]
        {
            (Kind: ChaseKind.Reminder, Days: timing.ReminderAfterWorkingDays, Due: opened.ReminderDue),
            (Kind: ChaseKind.Escalation, Days: timing.EscalateAfterWorkingDays, Due: opened.EscalationDue),
        };
        foreach (var chase in chases)
        {
            using var cancelTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(chase.Due.UtcDateTime, cancelTimer.Token);
            while (true)
            {
                if (await Task.WhenAny(signal, timer) == timer)
                {
                    var decided = await context.CallActivityAsync<StepDecision?>(
                        nameof(ChaseApprovalStepActivity), new ChaseApprovalStep(input.StepId, chase.Kind, chase.Days), WorkflowRetry.Activity);
                    if (decided is not null)
                    {
                        return decided;
                    }

                    break;
                }

                var received = await signal;
                if (received.Kind == StepSignalKind.Delegated)
                {
                    await context.CallActivityAsync(nameof(NotifyDelegateActivity), input.StepId, WorkflowRetry.Activity);
                    signal = context.WaitForExternalEvent<StepSignal>(ApprovalEvents.StepSignal);
                    continue;
                }

                // Synchronous on purpose: CancelAsync would resume this orchestrator off its replay thread.
                cancelTimer.Cancel();
                return await FinishAsync(context, input, received);
            }
        }

        // Escalated and still undecided: wait as long as it takes (the escalation contact now holds a link too).
        while (true)
        {
            var received = await signal;
            if (received.Kind != StepSignalKind.Delegated)
            {
                return await FinishAsync(context, input, received);
            }

            await context.CallActivityAsync(nameof(NotifyDelegateActivity), input.StepId, WorkflowRetry.Activity);
            signal = context.WaitForExternalEvent<StepSignal>(ApprovalEvents.StepSignal);
        }
    }

    private static async Task<StepDecision> FinishAsync(TaskOrchestrationContext context, ApprovalStepInput input, StepSignal signal) =>
        signal.Kind == StepSignalKind.Decided && signal.Decision is { } decision
            ? decision.ForWorkflow()
            : await context.CallActivityAsync<StepDecision>(
                nameof(CloseApprovalStepActivity),
                new CloseApprovalStep(input.StepId, signal.Kind == StepSignalKind.Withdrawn ? ApprovalOutcome.Withdrawn : ApprovalOutcome.Cancelled),
                WorkflowRetry.Activity);
}

/// <summary>Input of <see cref="CloseApprovalStepActivity"/>.</summary>
public sealed record CloseApprovalStep(string StepId, ApprovalOutcome Outcome);
