using Microsoft.DurableTask.Client;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Tests.Support;

namespace Delivery.Workflows.Tests.Lifecycle;

/// <summary>The lifecycle from request to Initiation, on the durable test host with data in the local Cosmos server.</summary>
public sealed class LifecycleJourneyTests
{
    [Fact]
    public async Task SmallProject_ApprovedByLineManager_MovesToInitiationWithBaselineAndEmails()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(12_000m);
        Assert.Equal(ProjectStage.BusinessCase, (await harness.ProjectAsync(projectId)).Stage);

        // Act
        Assert.Equal(CommandStatus.Recorded, (await harness.SubmitAsync(projectId, 12_000m)).Status);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");
        var waiting = await harness.ProjectAsync(projectId);
        var decided = await harness.DecideAsync(step.Id, "line-lee", ApprovalOutcome.Approved);
        var completed = await harness.CompletionAsync(projectId);

        // Assert
        Assert.Equal(CommandStatus.Recorded, decided.Status);
        Assert.Equal(ProjectStage.Approval, waiting.Stage);
        Assert.Contains("Lee Morgan (line manager)", waiting.WaitingFor, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(ProjectStage.Initiation, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
        Assert.Equal(ProjectStage.Initiation, completed.ReadCustomStatusAs<LifecycleStatus>()!.Stage);
        var project = await harness.ProjectAsync(projectId);
        Assert.Equal(ProjectStage.Initiation, project.Stage);
        Assert.Equal("Sam Okafor", project.ProjectManager?.Name);
        Assert.Equal(12_000m, project.Baseline?.ApprovedBudget);
        Assert.Equal(10m, project.Baseline?.Tolerances.CostPercent);
        Assert.Equal(2, project.Baseline?.Milestones.Count);
        Assert.Single(harness.Email.To("lee.morgan@example.gov.uk", "approval-request"));
        foreach (var to in new[] { "rita.patel@example.gov.uk", "victor.sponsor@example.gov.uk", "sam.okafor@example.gov.uk" })
        {
            Assert.Single(harness.Email.To(to, "project-approved"));
        }

        var audit = await harness.AuditAsync(projectId);
        // The fake clock stands still, so entries share a time: compare what was recorded, not the order.
        Assert.Equal(
            new[] { AuditAction.Submitted, AuditAction.StageChanged, AuditAction.BusinessCaseSubmitted, AuditAction.StageChanged, AuditAction.ApprovalRequested, AuditAction.Decided, AuditAction.StageChanged }.Order(),
            audit.Select(a => a.Action).Order());
        Assert.Equal("line-lee", audit.Single(a => a.Action == AuditAction.Decided).Actor);
    }

    [Fact]
    public async Task MidBand_HeadOfServiceAndFinanceDecideInParallelAfterTheLineManager()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(60_000m);
        await harness.SubmitAsync(projectId, 60_000m);
        var line = await harness.StepAsync(projectId, "bjc-v1", "r1s1");
        var lineWaiting = await harness.AgreedWaitAsync(projectId);
        Assert.Empty(harness.Email.To("hana.kowalski@example.gov.uk"));

        // Act
        await harness.DecideAsync(line.Id, "line-lee", ApprovalOutcome.Approved);
        var head = await harness.StepAsync(projectId, "bjc-v1", "r2s1");
        var finance = await harness.StepAsync(projectId, "bjc-v1", "r2s2");
        var bothWaiting = await harness.AgreedWaitAsync(projectId);
        await harness.DecideAsync(finance.Id, "fin-farah", ApprovalOutcome.Approved);
        harness.Clock.Advance(TimeSpan.FromMinutes(10));
        await harness.DecideAsync(head.Id, "head-hana", ApprovalOutcome.Approved, adjustments: new InitiationAdjustments("pm-jo", null));
        var completed = await harness.CompletionAsync(projectId);

        // Assert
        // The custom status followed the project document round by round.
        Assert.Equal("Approval of the Business Justification Case, version 1 from Lee Morgan (line manager)", lineWaiting);
        Assert.Contains("Hana Kowalski (head of service) and Farah Ahmed (finance)", bothWaiting, StringComparison.Ordinal);
        // Lee's approval, then Farah's while Hana still decides; Hana's final approval brings the outcome email instead.
        Assert.Equal(2, harness.Email.To("rita.patel@example.gov.uk", "approval-decision").Count);
        Assert.Equal(ProjectStage.Initiation, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
        Assert.Equal("Jo Evans", (await harness.ProjectAsync(projectId)).ProjectManager?.Name);
        Assert.Single(harness.Email.To("jo.evans@example.gov.uk", "project-approved"));
    }

    [Fact]
    public async Task LargeProject_NeedsOutlineCasesFirst_AndBoardApproval()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(400_000m);
        var cases = await harness.Get<BusinessCaseRepository>().GetAsync(projectId, CancellationToken.None);

        // Act
        await harness.SubmitAsync(projectId, 400_000m);
        foreach (var (key, who) in new[] { ("r1s1", "line-lee"), ("r2s1", "head-hana"), ("r2s2", "fin-farah"), ("r3s1", "board-ben") })
        {
            await harness.DecideAsync((await harness.StepAsync(projectId, "soc-v1", key)).Id, who, ApprovalOutcome.Approved);
        }

        await LifecycleHarness.UntilAsync(async () => (await harness.ProjectAsync(projectId)).Stage == ProjectStage.BusinessCase);
        var next = await harness.ProjectAsync(projectId);

        // Assert
        Assert.Equal([BusinessCaseKind.StrategicOutlineCase, BusinessCaseKind.OutlineBusinessCase, BusinessCaseKind.FullBusinessCase], cases!.Kinds);
        Assert.Equal("The Outline Business Case from the requester", next.WaitingFor);
        var metadata = await harness.Host.Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(projectId), true);
        Assert.True(metadata!.IsRunning);
    }

    [Fact]
    public async Task Rejection_EndsTheLifecycleAndTellsTheRequesterWhy()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        // Act
        var withoutComment = await harness.DecideAsync(step.Id, "line-lee", ApprovalOutcome.Rejected);
        var rejected = await harness.DecideAsync(step.Id, "line-lee", ApprovalOutcome.Rejected, "No budget this year.");
        var completed = await harness.CompletionAsync(projectId);

        // Assert
        Assert.Equal(CommandStatus.Invalid, withoutComment.Status);
        Assert.Equal(CommandStatus.Recorded, rejected.Status);
        Assert.Equal(ProjectStage.Rejected, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
        Assert.Equal(ProjectStage.Rejected, (await harness.ProjectAsync(projectId)).Stage);
        var email = Assert.Single(harness.Email.To("rita.patel@example.gov.uk", "project-rejected"));
        Assert.Contains("No budget this year.", email.Text, StringComparison.Ordinal);
        Assert.Equal(BusinessCaseStatus.Rejected, (await harness.Get<BusinessCaseRepository>().GetAsync(projectId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ChangesRequested_ReturnsTheCase_AndResubmissionRestartsTheGateKeepingHistory()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var first = await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        // Act
        await harness.DecideAsync(first.Id, "line-lee", ApprovalOutcome.ChangesRequested, "Add the disposal costs.");
        await LifecycleHarness.UntilAsync(async () => (await harness.ProjectAsync(projectId)).WaitingFor.StartsWith("Changes", StringComparison.Ordinal));
        var resubmitted = await harness.SubmitAsync(projectId, 11_000m);
        var second = await harness.StepAsync(projectId, "bjc-v2", "r1s1");
        await harness.DecideAsync(second.Id, "line-lee", ApprovalOutcome.Approved);
        var completed = await harness.CompletionAsync(projectId);

        // Assert
        Assert.Equal(CommandStatus.Recorded, resubmitted.Status);
        Assert.Equal(ProjectStage.Initiation, completed.ReadOutputAs<LifecycleOutcome>()!.Stage);
        var changes = Assert.Single(harness.Email.To("rita.patel@example.gov.uk", "changes-requested"));
        Assert.Contains("Add the disposal costs.", changes.Text, StringComparison.Ordinal);
        var steps = await harness.Get<ApprovalStepRepository>().ListAsync(projectId, CancellationToken.None);
        Assert.Equal([ApprovalOutcome.ChangesRequested, ApprovalOutcome.Approved], steps.Select(s => s.Decision!.Outcome));
        Assert.Equal(11_000m, (await harness.ProjectAsync(projectId)).Baseline?.ApprovedBudget);
        Assert.Equal(2, (await harness.AuditAsync(projectId)).Count(a => a.Action == AuditAction.BusinessCaseSubmitted));
    }

    [Fact]
    public async Task SubmittingWhileInApproval_IsAConflict()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        await harness.StepAsync(projectId, "bjc-v1", "r1s1");

        var again = await harness.SubmitAsync(projectId, 10_000m);

        Assert.Equal(CommandStatus.Conflict, again.Status);
    }
}
