using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Tests.Support;
using Microsoft.DurableTask.Client;

namespace Delivery.Workflows.Tests.Lifecycle;

/// <summary>
/// Reminders after N working days and escalation after M, on the real engine with a working day of a second (the
/// calendar itself, weekends and bank holidays, is tested in <see cref="Approvals.WorkingDaysTests"/>).
/// </summary>
public sealed class ApprovalStepTimingTests
{
    private const string Lee = "lee.morgan@example.gov.uk";
    private const string Hana = "hana.kowalski@example.gov.uk";
    private static readonly TimeSpan WorkingDay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task UndecidedStep_IsRemindedAfterThreeWorkingDays_AndEscalatedAfterFive()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync(WorkingDay);
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");
        var asked = harness.Clock.RealTimeOf(step.RequestedAt);

        // Act
        await LifecycleHarness.UntilAsync(() => Task.FromResult(harness.Email.To(Hana, "approval-escalation").Count == 1));
        await LifecycleHarness.UntilAsync(async () => (await harness.AuditAsync(projectId)).Any(a => a.Action == AuditAction.Escalated));
        var decided = await harness.DecideAsync(step.Id, "head-hana", ApprovalOutcome.Approved);
        await harness.CompletionAsync(projectId);

        // Assert: one reminder no sooner than three working days after the request, the escalation no sooner than five.
        var reminded = Assert.Single(harness.Email.TimesTo(Lee, "approval-reminder"));
        var escalated = Assert.Single(harness.Email.TimesTo(Hana, "approval-escalation"));
        // (A durable timer never fires early; the request time is the step's own, as its due dates are reckoned from it.)
        Assert.True(reminded - asked >= WorkingDay * 3, $"reminded {reminded - asked} after the request");
        Assert.True(escalated - asked >= WorkingDay * 5, $"escalated {escalated - asked} after the request");
        Assert.Equal(CommandStatus.Recorded, decided.Status);
        var audit = await harness.AuditAsync(projectId);
        Assert.Single(audit, a => a.Action == AuditAction.Reminded);
        Assert.Equal("line-lee", audit.Single(a => a.Action == AuditAction.Decided).OnBehalfOf);
    }

    [Fact]
    public void DueDates_AreWorkingDaysAfterTheRequest_OnTheCouncilsCalendar()
    {
        // Arrange: asked on Thursday 24 December 2026; Christmas, Boxing Day (substitute) and New Year's Day are bank holidays.
        var deadlines = new ApprovalDeadlines();
        var asked = new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero);
        DateOnly[] holidays = [new(2026, 12, 25), new(2026, 12, 28), new(2027, 1, 1)];

        // Act
        var reminder = deadlines.DueAfter(asked, 3, holidays);
        var escalation = deadlines.DueAfter(asked, 5, holidays);

        // Assert: working days 29, 30 and 31 December, then 4 and 5 January.
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.Zero), reminder);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero), escalation);
    }

    [Fact]
    public async Task DecisionBeforeTheReminder_CancelsTheTimers_AndNobodyIsChased()
    {
        // Arrange: a working day of three seconds, so the reminder would come within the test if the timer stood.
        await using var harness = await LifecycleHarness.StartAsync(TimeSpan.FromSeconds(3));
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        // Act
        await harness.DecideAsync(step.Id, "line-lee", ApprovalOutcome.Approved);
        await harness.CompletionAsync(projectId);
        var stepInstance = await harness.Client.GetInstanceAsync(step.InstanceId);

        // Assert: the step finished at once (an uncancelled timer would have kept it running) and nobody was chased.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stepInstance!.RuntimeStatus);
        Assert.True(stepInstance.LastUpdatedAt - stepInstance.CreatedAt < TimeSpan.FromSeconds(9), "the step waited for its reminder timer");
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
        var notApprover = await decisions.DelegateAsync(harness.Client, step.Id, "fin-farah", "pm-jo", CancellationToken.None);
        var delegated = await decisions.DelegateAsync(harness.Client, step.Id, "line-lee", "pm-jo", CancellationToken.None);
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
}
