using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Delivery.Workflows.Tests.Lifecycle;

/// <summary>Separation of duties where decisions are taken, routing that cannot be gamed, and one set of decision rules.</summary>
public sealed class ApprovalIntegrityTests
{
    [Fact]
    public async Task Requester_WhoIsTheStepsApprover_IsRefusedAtDecision_AndTheRefusalIsAudited()
    {
        // Arrange: a step that names the requester, as a route planned before this rule would have.
        await using var harness = await LifecycleHarness.StartAsync();
        var lee = TestPolicies.Approvals().Find("line-lee")!;
        var projectId = await harness.NewProjectRequestedByAsync(10_000m, lee);
        var plan = new ApprovalStepPlan("r1s1", "Line manager", "line-lee", "head-hana", "LineManager");
        var input = new OpenApprovalStep("manual-step", new ApprovalStepInput(projectId, "manual-v1", "Test case, version 1", plan, TestPolicies.Approvals().Timing, true));
        await ActivatorUtilities.CreateInstance<OpenApprovalStepActivity>(harness.Host.Services).RunAsync(null!, input);

        // Act
        var result = await harness.DecideAsync(input.Step.StepId, "line-lee", ApprovalOutcome.Approved);

        // Assert
        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Contains("you requested this project", result.Message, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Pending, (await harness.Get<ApprovalStepRepository>().GetAsync(input.Step.StepId, CancellationToken.None))!.Status);
        var refusal = Assert.Single(await harness.AuditAsync(projectId), a => a.Action == AuditAction.Refused);
        Assert.Equal("line-lee", refusal.Actor);
    }

    [Fact]
    public async Task Delegating_ToTheApproverOfAnotherStepOfTheGate_IsRefused_AndTheStepStaysAsItWas()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(60_000m);
        await harness.SubmitAsync(projectId, 60_000m);
        await harness.DecideAsync((await harness.StepAsync(projectId, "bjc-v1", "r1s1")).Id, "line-lee", ApprovalOutcome.Approved);
        var head = await harness.StepAsync(projectId, "bjc-v1", "r2s1");
        await harness.StepAsync(projectId, "bjc-v1", "r2s2");
        var decisions = harness.Get<ApprovalDecisionService>();

        // Act: to Finance's approver (would approve twice), and to the line manager (approved round 1).
        var toFinance = await decisions.DelegateAsync(harness.Client, head.Id, "head-hana", "fin-farah", CancellationToken.None);
        var toLineManager = await decisions.DelegateAsync(harness.Client, head.Id, "head-hana", "line-lee", CancellationToken.None);
        var toSomeoneFree = await decisions.DelegateAsync(harness.Client, head.Id, "head-hana", "pm-sam", CancellationToken.None);

        // Assert
        Assert.Equal(CommandStatus.Invalid, toFinance.Status);
        Assert.Contains("Farah Ahmed may also decide the finance step", toFinance.Message, StringComparison.Ordinal);
        Assert.Equal(CommandStatus.Invalid, toLineManager.Status);
        Assert.Contains("Lee Morgan already decided the line manager step", toLineManager.Message, StringComparison.Ordinal);
        Assert.Equal(CommandStatus.Recorded, toSomeoneFree.Status);
        Assert.Equal("pm-sam", (await harness.Get<ApprovalStepRepository>().GetAsync(head.Id, CancellationToken.None))!.Delegate?.Id);
        Assert.Equal(2, (await harness.AuditAsync(projectId)).Count(a => a.Action == AuditAction.Refused));
    }

    [Fact]
    public async Task OnePerson_CanClaimOnlyOneStepOfAGate_SoTwoSimultaneousDecisionsCannotBothLand()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(60_000m);
        await harness.SubmitAsync(projectId, 60_000m);
        await harness.DecideAsync((await harness.StepAsync(projectId, "bjc-v1", "r1s1")).Id, "line-lee", ApprovalOutcome.Approved);
        var head = await harness.StepAsync(projectId, "bjc-v1", "r2s1");
        var finance = await harness.StepAsync(projectId, "bjc-v1", "r2s2");
        var steps = harness.Get<ApprovalStepRepository>();

        // Act
        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => steps.ClaimGateAsync(head, "board-ben", CancellationToken.None)));
        var second = await steps.ClaimGateAsync(finance, "board-ben", CancellationToken.None);
        await steps.ReleaseGateAsync(head, "board-ben", CancellationToken.None);
        var afterRelease = await steps.ClaimGateAsync(finance, "board-ben", CancellationToken.None);

        // Assert
        Assert.All(first, c => Assert.Equal(GateClaim.Claimed, c));
        Assert.Equal(GateClaim.HeldForAnotherStep, second);
        Assert.Equal(GateClaim.Claimed, afterRelease);
    }

    [Fact]
    public async Task Band_ComesFromTheHigherOfTheEstimateAndTheCaseTotal_AndApproversSeeBoth()
    {
        // Arrange: estimated at £60,000, then a business case that says £10,000.
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(60_000m);

        // Act
        await harness.SubmitAsync(projectId, 10_000m);
        await harness.DecideAsync((await harness.StepAsync(projectId, "bjc-v1", "r1s1")).Id, "line-lee", ApprovalOutcome.Approved);
        var head = await harness.StepAsync(projectId, "bjc-v1", "r2s1");

        // Assert: routed as "Up to £100,000" (three approvers), and the step says why.
        Assert.Equal("Head of service", head.Label);
        Assert.Contains("£60,000", head.RouteNote, StringComparison.Ordinal);
        Assert.Contains("£10,000", head.RouteNote, StringComparison.Ordinal);
        Assert.Contains(harness.Email.Sent, m => m.Category == "approval-request" && m.Text.Contains(head.RouteNote!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resubmission_IntoAHigherBand_IsReRouted_AndSaysSo()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        await harness.DecideAsync((await harness.StepAsync(projectId, "bjc-v1", "r1s1")).Id, "line-lee", ApprovalOutcome.ChangesRequested, "Add the licences");
        await LifecycleHarness.UntilAsync(async () => (await harness.ProjectAsync(projectId)).Stage == ProjectStage.BusinessCase);

        // Act
        await harness.SubmitAsync(projectId, 60_000m);
        await harness.DecideAsync((await harness.StepAsync(projectId, "bjc-v2", "r1s1")).Id, "line-lee", ApprovalOutcome.Approved);
        var head = await harness.StepAsync(projectId, "bjc-v2", "r2s1");

        // Assert
        Assert.StartsWith("Re-routed from Up to £25,000 to Up to £100,000", head.RouteNote, StringComparison.Ordinal);
        var rerouted = Assert.Single(await harness.AuditAsync(projectId), a => a.Action == AuditAction.Rerouted);
        Assert.Contains("£60,000", rerouted.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoEligibleApprover_GateFailsWithAClearMessage_AndTheCaseGoesBackToTheRequester()
    {
        // Arrange: Lee requests £60,000; Hana covers Lee's own step, and nobody else is head of service.
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectRequestedByAsync(60_000m, TestPolicies.Approvals().Find("line-lee")!);

        // Act
        await harness.SubmitAsync(projectId, 60_000m);
        await LifecycleHarness.UntilAsync(async () => (await harness.AuditAsync(projectId)).Any(a => a.Action == AuditAction.RoutingFailed));
        await LifecycleHarness.UntilAsync(async () => (await harness.ProjectAsync(projectId)).WaitingFor.Contains("could not be routed", StringComparison.Ordinal));

        // Assert
        var project = await harness.ProjectAsync(projectId);
        Assert.Equal(ProjectStage.BusinessCase, project.Stage);
        Assert.Contains("role:HeadOfService", project.WaitingFor, StringComparison.Ordinal);
        Assert.Empty(await harness.Get<ApprovalStepRepository>().ListAsync(projectId, CancellationToken.None));
    }

    [Theory]
    [InlineData("head-hana", 10, 10, 12, "projectManagerId")]
    [InlineData("pm-sam", -5, 10, 12, "tolerances.costPercent")]
    [InlineData("pm-sam", 10, 9999, 12, "tolerances.timeWorkingDays")]
    [InlineData("pm-sam", 10, 10, 40, "tolerances.riskScore")]
    public async Task FinalApproval_OutsideTheRules_IsInvalid_AndNothingIsRecorded(string projectManager, decimal costPercent, int days, int riskScore, string field)
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await harness.NewProjectAsync(10_000m);
        await harness.SubmitAsync(projectId, 10_000m);
        var step = await harness.StepAsync(projectId, "bjc-v1", "r1s1");
        var adjustments = new InitiationAdjustments(projectManager, new Tolerances(days, costPercent, "Scope", "Quality", riskScore, 10m));

        // Act
        var result = await harness.DecideAsync(step.Id, "line-lee", ApprovalOutcome.Approved, null, adjustments);

        // Assert
        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal([field], result.Errors.Keys);
        Assert.Equal(StepStatus.Pending, (await harness.Get<ApprovalStepRepository>().GetAsync(step.Id, CancellationToken.None))!.Status);
        Assert.DoesNotContain(await harness.AuditAsync(projectId), a => a.Action == AuditAction.Decided);
    }
}
