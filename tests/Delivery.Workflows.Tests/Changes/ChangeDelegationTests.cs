using Delivery.Workflows.Changes;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using static Delivery.Workflows.Tests.Monitoring.MonitorFigures;

namespace Delivery.Workflows.Tests.Changes;

/// <summary>
/// The project manager's delegation for changes at, just inside and just outside its edges: £10,000 approved with a
/// 5 % change budget (£500) of which £100 is used, and 5 working days to move a milestone.
/// </summary>
public sealed class ChangeDelegationTests
{
    private static readonly DateOnly Friday = new(2027, 1, 29);
    private static readonly ProjectBaseline Baseline = new(
        10_000m, [new Milestone("Devices ordered", Friday)], Tolerances with { ChangeBudgetPercent = 5m, ChangeWorkingDays = 5 }, DateTimeOffset.UnixEpoch, "line-lee", ChangeBudgetUsed: 100m);

    [Theory]
    [InlineData(400, true)] // exactly the £400 left
    [InlineData(399.99, true)]
    [InlineData(400.01, false)]
    [InlineData(-2_000, true)] // a saving is always within
    public void Cost_within_the_change_budget_left(decimal cost, bool within)
    {
        var assessment = ChangeDelegation.Assess(Baseline, Plan(), Change(cost), []);
        Assert.Equal(within, assessment.WithinDelegation);
        Assert.Equal(400m, assessment.ChangeBudgetLeft);
    }

    [Theory]
    [InlineData("2027-02-05", 5, true)] // Friday to Friday: 5 working days, at the edge
    [InlineData("2027-02-04", 4, true)]
    [InlineData("2027-02-08", 6, false)]
    [InlineData("2027-01-22", 5, true)] // earlier by 5 counts the same way
    [InlineData("2027-01-21", 6, false)]
    public void Milestones_moved_within_the_delegated_working_days(string to, int slip, bool within)
    {
        var assessment = ChangeDelegation.Assess(Baseline, Plan(), Change(0m, new PlanMilestone("m1", DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture))), []);
        Assert.Equal(slip, assessment.SlipWorkingDays);
        Assert.Equal(within, assessment.WithinDelegation);
    }

    [Fact]
    public void A_bank_holiday_in_the_way_is_not_a_working_day() =>
        Assert.True(ChangeDelegation.Assess(Baseline, Plan(), Change(0m, new PlanMilestone("m1", new DateOnly(2027, 2, 8))), [new DateOnly(2027, 2, 3)]).WithinDelegation);

    [Fact]
    public void The_change_budget_is_a_share_of_the_budget_first_approved_and_a_saving_uses_none_of_it()
    {
        var raised = Baseline with { ApprovedBudget = 10_400m, ChangeBudgetOf = 10_000m, ChangeBudgetUsed = 500m };
        Assert.Equal(500m, raised.ChangeBudget);
        Assert.False(ChangeDelegation.Assess(raised, Plan(), Change(0.01m), []).WithinDelegation);
        Assert.Equal(0m, ChangeDelegation.BudgetUsed(Change(-300m)));
        Assert.Equal(250m, ChangeDelegation.BudgetUsed(Change(250m)));
    }

    private static List<MilestoneRecord> Plan() =>
    [
        new()
        {
            Id = MilestoneRecord.IdFor("m1"),
            ProjectId = "prj-1",
            MilestoneId = "m1",
            Name = "Devices ordered",
            Baseline = Friday,
            Forecast = Friday,
            Version = 0,
            UpdatedBy = "line-lee",
            UpdatedAt = DateTimeOffset.UnixEpoch,
        },
    ];

    private static ChangeRequest Change(decimal cost, params PlanMilestone[] moved) => new()
    {
        Id = ChangeRequest.IdFor("cr1"),
        ProjectId = "prj-1",
        ChangeId = "cr1",
        Kind = moved.Length > 0 ? ChangeKind.Time : ChangeKind.Cost,
        Title = "Docking stations",
        Justification = "Asked for",
        Impact = "Two screens",
        CostImpact = cost,
        Milestones = moved,
        Version = 1,
        Status = ChangeStatus.Submitted,
        RaisedBy = "pm-sam",
        RaisedAt = DateTimeOffset.UnixEpoch,
    };
}
