using Microsoft.DurableTask;

namespace Delivery.Workflows.Benefits;

/// <summary>
/// The benefits reviews of a closed project (one instance per project, <see cref="InstanceIdFor"/>), called by the
/// project's control orchestration when the sponsor approves closure. For each review in order (dates from
/// <see cref="PlanBenefitReviewsActivity"/>) it waits for a durable timer until the review is due, opens it for every
/// benefit (<see cref="OpenBenefitReviewActivity"/>: stored, owners emailed a link), then waits for each benefit's
/// <see cref="BenefitReviewRecorded"/>, reminding the owners after <see cref="BenefitReviewPlan.ReminderAfter"/> and
/// escalating to the sponsor after <see cref="BenefitReviewPlan.EscalateAfter"/> more
/// (<see cref="ChaseBenefitReviewActivity"/>). After escalation it moves on when the next review is due (the late one
/// stays recordable through the API); after the last review's escalation it waits one more escalation period. Then
/// <see cref="FinishBenefitReviewsActivity"/> marks the project Done and the lifecycle ends.
/// </summary>
public sealed class BenefitReviewOrchestrator : TaskOrchestrator<string, string>
{
    public static string InstanceIdFor(string projectId) => "benefits-" + projectId;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string projectId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await context.CallActivityAsync<BenefitReviewPlan>(nameof(PlanBenefitReviewsActivity), projectId, WorkflowRetry.Activity);
        var recorded = context.WaitForExternalEvent<BenefitReviewRecorded>(BenefitReviewRecorded.EventName);
        for (var i = 0; i < plan.DueAt.Count; i++)
        {
            var review = i + 1;
            if (plan.DueAt[i] > context.CurrentUtcDateTime)
            {
                await context.CreateTimer(plan.DueAt[i].UtcDateTime, CancellationToken.None);
            }

            var open = new HashSet<string>(
                await context.CallActivityAsync<IReadOnlyList<string>>(nameof(OpenBenefitReviewActivity), new BenefitReviewStep(projectId, review, plan.DueAt[i]), WorkflowRetry.Activity),
                StringComparer.Ordinal);
            var chased = 0;
            var deadline = context.CurrentUtcDateTime + plan.ReminderAfter;
            while (open.Count > 0)
            {
                using var cancel = new CancellationTokenSource();
                var timer = context.CreateTimer(deadline, cancel.Token);
                if (await Task.WhenAny(recorded, timer) == recorded)
                {
                    cancel.Cancel();
                    var done = await recorded;
                    recorded = context.WaitForExternalEvent<BenefitReviewRecorded>(BenefitReviewRecorded.EventName);
                    if (done.Review == review)
                    {
                        open.Remove(done.BenefitId);
                    }

                    continue;
                }

                if (chased == 2)
                {
                    break;
                }

                chased++;
                var notice = chased == 1 ? Notifications.Templates.BenefitReviewNotice.Reminder : Notifications.Templates.BenefitReviewNotice.Escalation;
                open = new HashSet<string>(
                    await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ChaseBenefitReviewActivity), new BenefitReviewChase(projectId, review, notice), WorkflowRetry.Activity),
                    StringComparer.Ordinal);
                deadline = chased == 1 || i + 1 == plan.DueAt.Count
                    ? context.CurrentUtcDateTime + plan.EscalateAfter
                    : plan.DueAt[i + 1].UtcDateTime;
            }
        }

        await context.CallActivityAsync(nameof(FinishBenefitReviewsActivity), projectId, WorkflowRetry.Activity);
        return "done";
    }
}

/// <summary>Raised on <see cref="BenefitReviewOrchestrator"/> when a benefit's review is recorded (ids only).</summary>
public sealed record BenefitReviewRecorded(string ProjectId, string BenefitId, int Review)
{
    public const string EventName = "BenefitReviewRecorded";
}

/// <summary>Output of <see cref="PlanBenefitReviewsActivity"/>: when each review falls due, and the chasing delays.</summary>
public sealed record BenefitReviewPlan(IReadOnlyList<DateTimeOffset> DueAt, TimeSpan ReminderAfter, TimeSpan EscalateAfter);

/// <summary>Input of <see cref="OpenBenefitReviewActivity"/>.</summary>
public sealed record BenefitReviewStep(string ProjectId, int Review, DateTimeOffset DueAt);

/// <summary>Input of <see cref="ChaseBenefitReviewActivity"/>.</summary>
public sealed record BenefitReviewChase(string ProjectId, int Review, Notifications.Templates.BenefitReviewNotice Notice);
