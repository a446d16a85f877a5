using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Tests.Approvals;

/// <summary>Who may decide with which link: the rules behind the token-abuse tests of the HTTP API.</summary>
public sealed class DecisionCallerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static (ApprovalStepDocument Step, string LeeToken, string FarahToken) Step(DateTimeOffset? expires = null, DateTimeOffset? used = null)
    {
        var lee = LinkTokens.NewToken();
        var farah = LinkTokens.NewToken();
        var step = new ApprovalStepDocument
        {
            Id = "prj-1~bjc-v1~r1s1",
            ProjectId = "prj-1",
            GateId = "bjc-v1",
            InstanceId = "lifecycle-prj-1:bjc-v1:r1s1",
            Subject = "Business Justification Case, version 1",
            Label = "Line manager",
            Approver = new ApprovalPerson("line-lee", "Lee Morgan", "lee.morgan@example.gov.uk"),
            Delegate = new ApprovalPerson("pm-jo", "Jo Evans", "jo.evans@example.gov.uk"),
            RequestedAt = Now.AddDays(-1),
            Tokens = [new LinkToken(LinkTokens.Hash(lee), "line-lee", expires ?? Now.AddDays(13), used), new LinkToken(LinkTokens.Hash(farah), "fin-farah", Now.AddDays(13))],
        };
        return (step, lee, farah);
    }

    [Fact]
    public void CheckCaller_ApproverWithTheirLink_IsAllowedAndTheLinkIsMarkedUsed()
    {
        var (step, lee, _) = Step();

        var (refusal, tokens) = ApprovalDecisionService.CheckCaller(step, "line-lee", lee, Now);

        Assert.Null(refusal);
        Assert.Equal(Now, tokens[0].UsedAt);
        Assert.Null(tokens[1].UsedAt);
    }

    [Fact]
    public void CheckCaller_DelegateWithTheApproversLink_IsAllowed()
    {
        var (step, lee, _) = Step();

        Assert.Null(ApprovalDecisionService.CheckCaller(step, "pm-jo", lee, Now).Refusal);
    }

    [Theory]
    [InlineData("board-ben")]
    [InlineData("rita")]
    public void CheckCaller_SignedInAsSomeoneElse_IsForbidden(string user)
    {
        var (step, lee, _) = Step();

        Assert.Equal(CommandStatus.Forbidden, ApprovalDecisionService.CheckCaller(step, user, lee, Now).Refusal?.Status);
    }

    [Fact]
    public void CheckCaller_TamperedToken_IsForbidden()
    {
        var (step, lee, _) = Step();
        var tampered = (lee[0] == 'A' ? 'B' : 'A') + lee[1..];

        Assert.Equal(CommandStatus.Forbidden, ApprovalDecisionService.CheckCaller(step, "line-lee", tampered, Now).Refusal?.Status);
    }

    [Fact]
    public void CheckCaller_AnotherApproversToken_IsForbidden()
    {
        var (step, _, farah) = Step();

        Assert.Equal(CommandStatus.Forbidden, ApprovalDecisionService.CheckCaller(step, "line-lee", farah, Now).Refusal?.Status);
    }

    [Fact]
    public void CheckCaller_ExpiredLink_IsRefused()
    {
        var (step, lee, _) = Step(expires: Now);

        Assert.Equal(CommandStatus.LinkExpired, ApprovalDecisionService.CheckCaller(step, "line-lee", lee, Now).Refusal?.Status);
    }

    [Fact]
    public void CheckCaller_UsedLink_IsRefused()
    {
        var (step, lee, _) = Step(used: Now.AddMinutes(-5));

        Assert.Equal(CommandStatus.LinkUsed, ApprovalDecisionService.CheckCaller(step, "line-lee", lee, Now).Refusal?.Status);
    }

    [Fact]
    public void LinkTokens_AreRandomAndOnlyTheirHashIsStored()
    {
        var a = LinkTokens.NewToken();
        var b = LinkTokens.NewToken();

        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.Equal(64, LinkTokens.Hash(a).Length);
        Assert.DoesNotContain(a, LinkTokens.Hash(a), StringComparison.Ordinal);
        Assert.True(LinkTokens.Matches(a, LinkTokens.Hash(a)));
        Assert.False(LinkTokens.Matches(b, LinkTokens.Hash(a)));
    }
}
