using Delivery.Workflows.Approvals;
using Delivery.Workflows.Tests.Support;

namespace Delivery.Workflows.Tests.Approvals;

/// <summary>Separation of duties where approvers are chosen: the router.</summary>
public sealed class SeparationOfDutiesRoutingTests
{
    private static readonly ApprovalPolicy Policy = TestPolicies.Approvals();

    private static ProjectRequester RequestedBy(string id) => new(id, Policy.Find(id)!.Email);

    private static string Approvers(ApprovalRoute route) =>
        string.Join(" | ", route.Rounds.Select(r => string.Join('+', r.Steps.Select(s => s.ApproverId))));

    [Fact]
    public void Route_RequesterIsTheLineManager_SkipsToTheirEscalationContact()
    {
        var route = ApprovalRouter.Route(Policy, 10_000m, RequestedBy("line-lee"));

        Assert.Equal("head-hana", Approvers(route));
        Assert.Equal("Line manager", route.Rounds[0].Steps[0].Label);
    }

    [Fact]
    public void Route_RequesterMatchedByEmail_IsSkippedToo()
    {
        var route = ApprovalRouter.Route(Policy, 10_000m, new ProjectRequester("someone-else", "LEE.MORGAN@example.gov.uk"));

        Assert.Equal("head-hana", Approvers(route));
    }

    [Fact]
    public void Route_RequestersContactAlreadyHoldsAStep_FailsWithAClearMessage()
    {
        // Lee requests £60,000: their escalation contact Hana takes the line manager step, and then nobody else
        // holds HeadOfService.
        var ex = Assert.Throws<ApprovalRoutingException>(() => ApprovalRouter.Route(Policy, 60_000m, RequestedBy("line-lee")));

        Assert.Contains("role:HeadOfService", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Hana Kowalski already holds another step of this gate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OnlyHolderOfARoleRequestedIt_AndNobodyElseCan_Fails()
    {
        var ex = Assert.Throws<ApprovalRoutingException>(() => ApprovalRouter.Route(Policy, 500_000m, RequestedBy("board-ben")));

        Assert.Contains("Ben Clarke requested this project, and nobody approves their own project", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_SecondHolderOfTheRole_TakesTheStepTheRequesterWouldHaveHad()
    {
        var policy = Policy with { People = [.. Policy.People, new Approver("fin-fred", "Fred Hall", "fred.hall@example.gov.uk", ["Finance"], "board-ben")] };

        var route = ApprovalRouter.Route(policy, 60_000m, new ProjectRequester("fin-farah", "farah.ahmed@example.gov.uk"));

        // Farah's escalation contact Hana is already head of service in this gate, so the next Finance holder steps in.
        Assert.Equal("line-lee | head-hana+fin-fred", Approvers(route));
    }

    [Fact]
    public void Route_NobodyHoldsTwoStepsOfOneGate()
    {
        var policy = Policy with
        {
            People = [.. Policy.People.Select(p => p.Id == "head-hana" ? p with { Roles = ["HeadOfService", "Finance"] } : p)],
            Bands = [new CostBand("All", null, "role:HeadOfService + role:Finance")],
        };

        var route = ApprovalRouter.Route(policy, 1_000m, TestData.Requester);

        // Hana holds both roles and is listed first for Finance too; Farah takes Finance.
        Assert.Equal("head-hana+fin-farah", Approvers(route));
    }

    [Fact]
    public void Route_EscalationContact_IsNeverSomeoneWithAnotherPartInTheGate()
    {
        var route = ApprovalRouter.Route(Policy, 60_000m, TestData.Requester);

        // Farah's escalation contact is Hana, who is head of service in this gate: the chain goes on to Ben.
        var finance = route.Rounds[1].Steps.Single(s => s.ApproverId == "fin-farah");
        Assert.Equal("board-ben", finance.EscalationContactId);
        var over = ApprovalRouter.Route(Policy, 500_000m, TestData.Requester);
        Assert.All(over.Steps, s => Assert.DoesNotContain(s.EscalationContactId, over.Steps.Select(x => x.ApproverId)));
    }

    [Fact]
    public void Route_ConflictFromSettings_FinanceInItsOwnServiceArea_GoesToAnotherHolder()
    {
        var policy = Policy with
        {
            People =
            [
                .. Policy.People.Select(p => p.Id == "fin-farah" ? p with { ServiceArea = "Adult social care" } : p),
                new Approver("fin-fred", "Fred Hall", "fred.hall@example.gov.uk", ["Finance"], null, "Housing"),
                new Approver("rita", "Rita Patel", "rita.patel@example.gov.uk", [], null, "Adult social care"),
            ],
            Conflicts = [new ConflictRule(ConflictKind.SameServiceArea, Role: "Finance")],
        };

        var route = ApprovalRouter.Route(policy, 60_000m, TestData.Requester);

        Assert.Equal("line-lee | head-hana+fin-fred", Approvers(route));
    }

    [Fact]
    public void Route_SponsorApprovingAsBudgetHolder_IsAllowed()
    {
        // Ben sponsors many projects and approves them as the board: only requesting one rules him out.
        var route = ApprovalRouter.Route(Policy, 500_000m, TestData.Requester);

        Assert.Equal("board-ben", route.Rounds[2].Steps[0].ApproverId);
    }
}
