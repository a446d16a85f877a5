using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Tests.Approvals;

/// <summary>One person, one approval per gate: whatever capacity they would act in.</summary>
public sealed class SecondApprovalTests
{
    private static readonly ApprovalPerson Hana = new("head-hana", "Hana Kowalski", "hana@example.gov.uk");
    private static readonly ApprovalPerson Farah = new("fin-farah", "Farah Ahmed", "farah@example.gov.uk");
    private static readonly ApprovalPerson Lee = new("line-lee", "Lee Morgan", "lee@example.gov.uk");

    private static ApprovalStepDocument Step(string key, string label, ApprovalPerson approver, string gate = "bjc-v1") => new()
    {
        Id = ApprovalStepDocument.IdFor("prj-1", gate, key),
        ProjectId = "prj-1",
        GateId = gate,
        InstanceId = "i",
        Subject = "Business Justification Case, version 1",
        Label = label,
        Approver = approver,
        RequestedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void EscalationContactWhoIsApproverOfAnotherOpenStep_IsRefused()
    {
        var finance = Step("r2s2", "Finance", Farah) with { EscalatedTo = Hana };
        var head = Step("r2s1", "Head of service", Hana);

        var reason = SeparationOfDuties.SecondApproval("head-hana", finance, [finance, head], "you");

        Assert.Equal("you may also decide the head of service step of this approval, and one person gives one approval in a gate", reason);
    }

    [Fact]
    public void PersonWhoDecidedAnEarlierRound_IsRefused()
    {
        var line = Step("r1s1", "Line manager", Lee) with
        {
            Status = StepStatus.Decided,
            Decision = new StepDecision("x", ApprovalOutcome.Approved, "line-lee", null, null, DateTimeOffset.UnixEpoch),
        };
        var head = Step("r2s1", "Head of service", Hana) with { Delegate = Lee };

        Assert.Contains("already decided the line manager step", SeparationOfDuties.SecondApproval("line-lee", head, [line, head], "you"), StringComparison.Ordinal);
    }

    [Fact]
    public void SamePersonInAnotherGate_OrACancelledStep_DoesNotCount()
    {
        var earlierGate = Step("r1s1", "Line manager", Lee, gate: "bjc-v0") with
        {
            Status = StepStatus.Decided,
            Decision = new StepDecision("x", ApprovalOutcome.ChangesRequested, "line-lee", null, "more", DateTimeOffset.UnixEpoch),
        };
        var cancelled = Step("r2s2", "Finance", Lee) with
        {
            Status = StepStatus.Closed,
            Decision = new StepDecision("y", ApprovalOutcome.Cancelled, "system", null, null, DateTimeOffset.UnixEpoch),
        };
        var line = Step("r1s1", "Line manager", Lee);

        Assert.Null(SeparationOfDuties.SecondApproval("line-lee", line, [earlierGate, cancelled, line], "you"));
    }
}
