using Delivery.Durable;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Tests.Support;

namespace Delivery.Workflows.Tests.Lifecycle;

/// <summary>Reminders after N working days and escalation after M, on the fake clock: no real waiting.</summary>
public sealed class ApprovalStepTimingTests
{
    private const string Lee = "lee.morgan@example.gov.uk";
    private const string Hana = "hana.kowalski@example.gov.uk";

    [Fact]
    public async Task UndecidedStep_IsRemindedAfterThreeWorkingDays_AndEscalatedAfterFive()
    {
        // Arrange: asked on Thursday 26 November 2026 at 09:00.
        await using var harness = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        // Act & Assert: the weekend does not count, so nothing by Monday evening.
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
        await QuietAsync(harness, step.InstanceId);
        Assert.Empty(harness.Email.To(Lee, "approval-reminder"));

        // Tuesday 1 December 09:00 is three working days on: one reminder.
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 1, TimeSpan.Zero));
        await LifecycleHarness.UntilAsync(() => Task.FromResult(harness.Email.To(Lee, "approval-reminder").Count == 1));
        Assert.Empty(harness.Email.To(Hana));

        // Thursday 3 December 09:00 is five working days on: escalated to the line manager's contact.
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 0, 1, TimeSpan.Zero));
        await LifecycleHarness.UntilAsync(() => Task.FromResult(harness.Email.To(Hana, "approval-escalation").Count == 1));
        await LifecycleHarness.UntilAsync(async () => (await harness.AuditAsync(projectId)).Any(a => a.Action == AuditAction.Escalated));

        // The escalation contact may now decide, and the audit records on whose behalf.
        var decided = await harness.DecideAsync(step.Id, "head-hana", ApprovalOutcome.Approved);
        await harness.CompletionAsync(projectId);
        Assert.Equal(CommandStatus.Recorded, decided.Status);
        var audit = await harness.AuditAsync(projectId);
        Assert.Single(audit, a => a.Action == AuditAction.Reminded);
        Assert.Equal("line-lee", audit.Single(a => a.Action == AuditAction.Decided).OnBehalfOf);
    }

    [Fact]
    public async Task BankHolidays_DelayTheReminder()
    {
        // Arrange: asked on Thursday 24 December 2026; Christmas and Boxing Day (substitute) are bank holidays.
        var policy = TestPolicies.Approvals(new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28));
        await using var harness = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero), policy);
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        // Act: 29 and 30 December are working days one and two.
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 30, 12, 0, 0, TimeSpan.Zero));
        await QuietAsync(harness, step.InstanceId);
        var before = harness.Email.To(Lee, "approval-reminder").Count;
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 9, 0, 1, TimeSpan.Zero));

        // Assert
        Assert.Equal(0, before);
        await LifecycleHarness.UntilAsync(() => Task.FromResult(harness.Email.To(Lee, "approval-reminder").Count == 1));
    }

    [Fact]
    public async Task DecisionBeforeTheReminder_CancelsTheTimers_AndNoReminderIsEverSent()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        // Act
        await harness.DecideAsync(step.Id, "line-lee", ApprovalOutcome.Approved);
        await harness.CompletionAsync(projectId);
        var stepInstance = await harness.Host.Client.GetInstanceAsync(step.InstanceId);
        harness.Clock.Advance(TimeSpan.FromDays(30));
        await QuietAsync(harness, step.InstanceId);

        // Assert: the step finished at once (an uncancelled timer would have kept it running) and nobody was chased.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stepInstance!.RuntimeStatus);
        Assert.DoesNotContain(harness.Email.Sent, m => m.Category is "approval-reminder" or "approval-escalation");
    }

    [Fact]
    public async Task Delegation_SendsTheDelegateALink_AndRecordsWhoDecided()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");
        var decisions = harness.Get<ApprovalDecisionService>();

        // Act
        var notApprover = await decisions.DelegateAsync(step.Id, "fin-farah", "pm-jo", CancellationToken.None);
        var delegated = await decisions.DelegateAsync(step.Id, "line-lee", "pm-jo", CancellationToken.None);
        await LifecycleHarness.UntilAsync(() => Task.FromResult(harness.Email.To("jo.evans@example.gov.uk", "approval-request").Count == 1));
        var byDelegate = await harness.DecideAsync(step.Id, "pm-jo", ApprovalOutcome.Approved);
        await harness.CompletionAsync(projectId);

        // Assert
        Assert.Equal(CommandStatus.Forbidden, notApprover.Status);
        Assert.Equal(CommandStatus.Recorded, delegated.Status);
        Assert.Equal(CommandStatus.Recorded, byDelegate.Status);
        var decided = await harness.Get<ApprovalStepRepository>().GetAsync(step.Id, CancellationToken.None);
        Assert.Equal("pm-jo", decided!.Decision!.DecidedBy);
        Assert.Equal("line-lee", decided.Decision.OnBehalfOf);
        var audit = await harness.AuditAsync(projectId);
        Assert.Single(audit, a => a.Action == AuditAction.Delegated && a.Actor == "line-lee");
        Assert.Single(audit, a => a.Action == AuditAction.Decided && a.Actor == "pm-jo" && a.OnBehalfOf == "line-lee");
    }

    /// <summary>
    /// Once the step has its timer, gives the workers a moment to act on anything due and checks no timer fired;
    /// used only to show that nothing happens before the due time.
    /// </summary>
    private static async Task QuietAsync(LifecycleHarness harness, string instanceId)
    {
        await LifecycleHarness.UntilAsync(async () =>
        {
            var history = await harness.Host.Client.GetOrchestrationHistoryAsync(instanceId);
            return history.Any(e => e.EventType == "TimerCreated") || history.Any(e => e.EventType == "ExecutionCompleted");
        });
        var fired = await FiredAsync(harness, instanceId);
        await Task.Delay(500);
        Assert.Equal(fired, await FiredAsync(harness, instanceId));
    }

    private static async Task<int> FiredAsync(LifecycleHarness harness, string instanceId) =>
        (await harness.Host.Client.GetOrchestrationHistoryAsync(instanceId)).Count(e => e.EventType == "TimerFired");
}
