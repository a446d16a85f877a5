using Delivery.Workflows.Approvals;
using Delivery.Workflows.Tests.Support;

namespace Delivery.Workflows.Tests.Approvals;

public sealed class ApprovalRouterTests
{
    [Theory]
    [InlineData(1_000, "Up to £25,000", "line-lee")]
    [InlineData(25_000, "Up to £25,000", "line-lee")]
    [InlineData(25_000.01, "Up to £100,000", "line-lee | head-hana+fin-farah")]
    [InlineData(100_000, "Up to £100,000", "line-lee | head-hana+fin-farah")]
    [InlineData(2_500_000, "Over £100,000", "line-lee | head-hana+fin-farah | board-ben")]
    public void Route_EachCostBand_GivesItsRoundsInOrder(decimal cost, string band, string expected)
    {
        // Arrange
        var policy = TestPolicies.Approvals();

        // Act
        var route = ApprovalRouter.Route(policy, cost, TestData.Requester);

        // Assert
        Assert.Equal(band, route.Band);
        Assert.Equal(expected, string.Join(" | ", route.Rounds.Select(r => string.Join('+', r.Steps.Select(s => s.ApproverId)))));
    }

    [Fact]
    public void Route_RoleStep_IsLabelledByRoleAndCarriesTheEscalationContact()
    {
        var route = ApprovalRouter.Route(TestPolicies.Approvals(), 50_000m, TestData.Requester);

        var head = route.Rounds[1].Steps[0];
        Assert.Equal("Head of service", head.Label);
        Assert.Equal("board-ben", head.EscalationContactId);
        Assert.Equal(["r1s1", "r2s1", "r2s2"], route.Steps.Select(s => s.Key));
    }

    [Fact]
    public void Route_NamedPersonStep_IsLabelledNamedApprover()
    {
        var route = ApprovalRouter.Route(TestPolicies.Approvals(), 500_000m, TestData.Requester);

        Assert.Equal("Named approver", route.Rounds[2].Steps[0].Label);
    }

    [Theory]
    [InlineData("role:Nobody", "nobody is set up as role:Nobody")]
    [InlineData("manager:lee", "must start with role: or person:")]
    [InlineData(" ; ", "names no approver")]
    public void Problems_BadRoute_AreNamed(string route, string expected)
    {
        var policy = TestPolicies.Approvals() with { Bands = [new CostBand("All", null, route)] };

        var problems = policy.Problems();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_NoOpenEndedBand_IsRefused()
    {
        var policy = TestPolicies.Approvals() with { Bands = [new CostBand("Small", 10m, "role:LineManager")] };

        Assert.Contains(policy.Problems(), p => p.Contains("no UpTo", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_TheTestPolicy_HasNone()
    {
        Assert.Empty(TestPolicies.Approvals().Problems());
    }
}
