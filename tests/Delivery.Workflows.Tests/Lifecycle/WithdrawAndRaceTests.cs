using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Delivery.Workflows.Tests.Lifecycle;

public sealed class WithdrawAndRaceTests
{
    [Fact]
    public async Task Withdraw_DuringParallelApproval_ClosesEveryOpenStepAndEndsTheLifecycle()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(60_000m);
        await harness.SubmitAsync(projectId, 60_000m);
        await harness.DecideAsync((await harness.StepAsync(projectId, "bjc-v1", "r1s1")).Id, "line-lee", ApprovalOutcome.Approved);
        var head = await harness.StepAsync(projectId, "bjc-v1", "r2s1");
        await harness.StepAsync(projectId, "bjc-v1", "r2s2");
        var commands = harness.Get<LifecycleCommands>();

        // Act
        var notRequester = await commands.WithdrawAsync(harness.Client, projectId, "line-lee", null, CancellationToken.None);
        var withdrawn = await commands.WithdrawAsync(harness.Client, projectId, TestData.RequesterId, "Funding moved elsewhere", CancellationToken.None);
        var completed = await harness.CompletionAsync(projectId);
        var lateDecision = await harness.DecideAsync(head.Id, "head-hana", ApprovalOutcome.Approved);

        // Assert
        Assert.Equal(CommandStatus.Forbidden, notRequester.Status);
        Assert.Equal(CommandStatus.Recorded, withdrawn.Status);
        Assert.Equal(ProjectStage.Withdrawn, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
        Assert.Equal(ProjectStage.Withdrawn, (await harness.ProjectAsync(projectId)).Stage);
        Assert.Equal(CommandStatus.Conflict, lateDecision.Status);
        var steps = await harness.Get<ApprovalStepRepository>().ListAsync(projectId, CancellationToken.None);
        Assert.All(steps.Where(s => s.Id != steps[0].Id), s => Assert.Equal(ApprovalOutcome.Withdrawn, s.Decision?.Outcome));
        Assert.Single(await harness.AuditAsync(projectId), a => a.Action == AuditAction.Withdrawn);
    }

    [Fact]
    public async Task Withdraw_BeforeTheBusinessCase_EndsTheLifecycle()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);

        await harness.Get<LifecycleCommands>().WithdrawAsync(harness.Client, projectId, TestData.RequesterId, null, CancellationToken.None);
        var completed = await harness.CompletionAsync(projectId);

        Assert.Equal(ProjectStage.Withdrawn, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
    }

    [Fact]
    public async Task FiftyConcurrentDecisions_OneWins_OneAuditEntry_OneOutcomeEmail()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        await harness.Get<ApprovalDecisionService>().DelegateAsync(harness.Client, step.Id, "line-lee", "pm-jo", CancellationToken.None);

        // Act: the approver and their delegate hammer the same step at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => harness.DecideAsync(
            step.Id, i % 2 == 0 ? "line-lee" : "pm-jo", ApprovalOutcome.Rejected, $"Reason {i}"))));
        var completed = await harness.CompletionAsync(projectId);

        // Assert
        Assert.Single(results, r => r.Status == CommandStatus.Recorded);
        Assert.Equal(49, results.Count(r => r.Status == CommandStatus.Conflict));
        Assert.Equal(ProjectStage.Rejected, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
        Assert.Single(await harness.AuditAsync(projectId), a => a.Action == AuditAction.Decided);
        Assert.Single(harness.Email.To("rita.patel@example.gov.uk", "project-rejected"));
    }

    [Fact]
    public async Task ActivityRetriedAfterItsEmailWent_SendsNoSecondEmail()
    {
        // Arrange: a step opened once, as by a first attempt that then "failed" after sending.
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        var plan = ApprovalRouter.Route(TestPolicies.Approvals(), 10_000m, TestData.Requester).Rounds[0].Steps[0];
        var input = new OpenApprovalStep("manual-step", new ApprovalStepInput(projectId, "manual-v1", "Test case, version 1", plan, TestPolicies.Approvals().Timing, true));
        var activity = ActivatorUtilities.CreateInstance<OpenApprovalStepActivity>(harness.Host.Services);

        // Act
        var first = await activity.RunAsync(null!, input);
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var retried = await activity.RunAsync(null!, input);

        // Assert
        Assert.Equal(first, retried);
        Assert.Single(harness.Email.To("lee.morgan@example.gov.uk", "approval-request"));
        Assert.Single(await harness.AuditAsync(projectId), a => a.Action == AuditAction.ApprovalRequested);
    }

    [Fact]
    public async Task StartingTheLifecycleAgain_FindsTheFirstInstance()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        var first = await harness.Host.Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(projectId));

        // Act: intake retried (same Idempotency-Key) starts it again.
        await harness.Get<LifecycleCommands>().StartAsync(harness.Client, projectId, CancellationToken.None);
        await harness.Get<LifecycleCommands>().StartAsync(harness.Client, projectId, CancellationToken.None);

        // Assert: the same running instance, not a second one.
        var after = await harness.Host.Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(projectId));
        Assert.Equal(first!.CreatedAt, after!.CreatedAt);
        Assert.True(after.IsRunning);
        Assert.Single(await harness.AuditAsync(projectId), a => a.Action == AuditAction.Submitted);
    }
}
