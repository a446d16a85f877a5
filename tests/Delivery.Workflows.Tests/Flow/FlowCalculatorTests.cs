using Delivery.Workflows.Audit;
using Delivery.Workflows.Flow;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Tests.Flow;

/// <summary>The flow calculations: nearest-rank percentiles, durations clamped at zero, and a project's flow read from its audit entries.</summary>
public sealed class FlowCalculatorTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Percentiles_take_the_value_at_the_nearest_rank()
    {
        double[] ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
        Assert.Equal(5d, FlowCalculator.Percentile(ten, 50)); // rank ⌈0.5 × 10⌉ = 5
        Assert.Equal(9d, FlowCalculator.Percentile(ten, 85)); // rank ⌈0.85 × 10⌉ = 9
        Assert.Equal(10d, FlowCalculator.Percentile(ten, 100));
        Assert.Equal(4d, FlowCalculator.Percentile([2, 4, 10], 50)); // rank ⌈1.5⌉ = 2
        Assert.Equal(10d, FlowCalculator.Percentile([2, 4, 10], 85)); // rank ⌈2.55⌉ = 3
        Assert.Equal(7d, FlowCalculator.Percentile([7], 50));
        Assert.Null(FlowCalculator.Percentile([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => FlowCalculator.Percentile(ten, 0));
    }

    [Fact]
    public void A_duration_that_ends_before_it_starts_counts_as_zero_days()
    {
        Assert.Equal(1.5d, FlowCalculator.Days(Day0, Day0.AddHours(36)));
        Assert.Equal(0d, FlowCalculator.Days(Day0, Day0.AddHours(-5)));
    }

    [Fact]
    public void An_approved_projects_trail_gives_its_lead_time_stage_spells_and_approval_turns_whatever_the_order()
    {
        FlowEvent[] trail =
        [
            Event("d1", 9, AuditAction.Decided, "head-hana", "s2", onBehalfOf: "line-lee"),
            Event("sub", 0, AuditAction.Submitted, "rita", "p1"),
            Event("c1", 2, AuditAction.StageChanged, AuditEntry.System, nameof(ProjectStage.BusinessCase)),
            Event("c2", 5, AuditAction.StageChanged, AuditEntry.System, nameof(ProjectStage.Approval)),
            Event("r1", 5, AuditAction.ApprovalRequested, AuditEntry.System, "s1"),
            Event("d0", 6, AuditAction.Decided, "line-lee", "s1"),
            Event("r2", 6, AuditAction.ApprovalRequested, AuditEntry.System, "s2"),
            Event("c3", 10, AuditAction.StageChanged, AuditEntry.System, nameof(ProjectStage.Initiation)),
            Event("sub", 0, AuditAction.Submitted, "rita", "p1"), // the same entry again: changes nothing
            Event("x", 7, AuditAction.Reminded, AuditEntry.System, "s2"),
        ];

        var facts = FlowCalculator.Facts(trail);

        Assert.Equal((Day0, Day0.AddDays(10), 10d), (facts.StartedAt!.Value, facts.FinishedAt!.Value, facts.LeadTimeDays!.Value));
        Assert.False(facts.InProgress);
        Assert.Equal(
            [(ProjectStage.Request, 2d), (ProjectStage.BusinessCase, 3d), (ProjectStage.Approval, 5d)],
            facts.Spells.Select(s => (s.Stage, s.Days)).ToArray());
        Assert.Equal(
            [("s1", "line-lee", (string?)null, 1d), ("s2", "head-hana", "line-lee", 3d)],
            facts.Turns.Select(t => (t.StepId, t.Approver, t.OnBehalfOf, t.Days)).ToArray());
    }

    [Fact]
    public void Entries_out_of_order_in_time_give_zero_not_negative_durations()
    {
        // The stage change was stamped by a clock behind the one that stamped the submission.
        var facts = FlowCalculator.Facts(
        [
            Event("sub", 1, AuditAction.Submitted, "rita", "p1"),
            Event("c1", 0.5, AuditAction.StageChanged, AuditEntry.System, nameof(ProjectStage.Initiation)),
            Event("r1", 3, AuditAction.ApprovalRequested, AuditEntry.System, "s1"),
            Event("d1", 2, AuditAction.Decided, "line-lee", "s1"),
        ]);

        Assert.Equal(0d, facts.LeadTimeDays);
        Assert.All(facts.Spells, s => Assert.Equal(0d, s.Days));
        Assert.Equal(0d, Assert.Single(facts.Turns).Days);
    }

    [Fact]
    public void A_project_in_progress_is_where_its_last_stage_change_put_it_and_a_withdrawn_one_is_not_in_progress()
    {
        var waiting = FlowCalculator.Facts(
        [
            Event("sub", 0, AuditAction.Submitted, "rita", "p1"),
            Event("c1", 1, AuditAction.StageChanged, AuditEntry.System, nameof(ProjectStage.BusinessCase)),
        ]);
        Assert.True(waiting.InProgress);
        Assert.Equal((ProjectStage.BusinessCase, Day0.AddDays(1)), (waiting.Stage, waiting.StageSince!.Value));
        Assert.Null(waiting.FinishedAt);

        var withdrawn = FlowCalculator.Facts(
        [
            Event("sub", 0, AuditAction.Submitted, "rita", "p1"),
            Event("w", 4, AuditAction.Withdrawn, "rita", "p1"),
        ]);
        Assert.False(withdrawn.InProgress);
        Assert.True(withdrawn.Discarded);
        Assert.Null(withdrawn.LeadTimeDays);
    }

    private static FlowEvent Event(string id, double day, AuditAction action, string actor, string subject, string? onBehalfOf = null) =>
        new(id, Day0.AddDays(day), action, actor, onBehalfOf, subject);
}
