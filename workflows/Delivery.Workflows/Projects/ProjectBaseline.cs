using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Projects;

/// <summary>
/// The baseline a project is measured against from initiation: approved budget, milestones, tolerances; and what
/// set it (null for the business case's approval, else the approval gate of an exception plan or change, or the
/// change approved within the project manager's delegation); and how much of the change budget approved changes
/// have used so far. Both the change budget's base and its use are carried from baseline to baseline: an approved
/// change raises the approved budget, but must not raise the change budget it was paid from.
/// </summary>
public sealed record ProjectBaseline(
    decimal ApprovedBudget,
    IReadOnlyList<Milestone> Milestones,
    Tolerances Tolerances,
    DateTimeOffset ApprovedAt,
    string ApprovedBy,
    string? SetBy = null,
    decimal ChangeBudgetUsed = 0m,
    decimal? ChangeBudgetOf = null)
{
    /// <summary>The change budget: its share of the budget first approved (<see cref="ChangeBudgetOf"/>, else this one's).</summary>
    public decimal ChangeBudget => Math.Round((ChangeBudgetOf ?? ApprovedBudget) * Tolerances.ChangeBudgetPercent / 100m, 2);
}

/// <summary>A dated point in the plan.</summary>
public sealed record Milestone(string Name, DateOnly Date);
