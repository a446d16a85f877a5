using Delivery.Workflows.Approvals;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Changes;

/// <summary>
/// Whether a change is within the project manager's delegated tolerance: its added cost fits in the change budget
/// left, and it moves no milestone baseline by more than the working days delegated for changes. Pure: the same
/// baseline, milestones and change always give the same answer.
/// </summary>
public static class ChangeDelegation
{
    public static ChangeAssessment Assess(ProjectBaseline baseline, IReadOnlyList<MilestoneRecord> milestones, ChangeRequest change, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(change);
        var left = Math.Max(0m, baseline.ChangeBudget - baseline.ChangeBudgetUsed);
        var current = milestones.ToDictionary(m => m.MilestoneId, m => m.Baseline, StringComparer.Ordinal);
        var slip = change.Milestones
            .Where(m => current.ContainsKey(m.MilestoneId))
            .Select(m => Math.Abs(WorkingDays.Between(current[m.MilestoneId], m.Baseline, bankHolidays)))
            .DefaultIfEmpty(0)
            .Max();
        var days = baseline.Tolerances.ChangeWorkingDays;
        var costFits = change.CostImpact <= left;
        var timeFits = slip <= days;
        var reasons = new List<string>
        {
            costFits
                ? $"its cost of {Money(change.CostImpact)} fits in the {UkFormat.Money(left)} of change budget left"
                : $"its cost of {Money(change.CostImpact)} is more than the {UkFormat.Money(left)} of change budget left",
            timeFits
                ? $"it moves no milestone by more than {days} working days"
                : $"it moves a milestone by {slip} working days, more than the {days} delegated",
        };
        var within = costFits && timeFits;
        var reason = (within ? "Within the project manager's delegated tolerance: " : "Beyond the project manager's delegated tolerance, so the board decides: ")
            + string.Join("; ", reasons) + ".";
        return new ChangeAssessment(within, left, slip, reason);
    }

    /// <summary>What the change uses of the change budget: what it adds to the cost (a saving gives nothing back).</summary>
    public static decimal BudgetUsed(ChangeRequest change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Math.Max(0m, change.CostImpact);
    }

    private static string Money(decimal amount) => amount < 0 ? "-" + UkFormat.Money(-amount) : UkFormat.Money(amount);
}
