using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Projects;

/// <summary>
/// The baseline a project is measured against from initiation: approved budget, milestones, tolerances; and what
/// set it (null for the business case's approval, else the approval gate of an exception plan or change).
/// </summary>
public sealed record ProjectBaseline(decimal ApprovedBudget, IReadOnlyList<Milestone> Milestones, Tolerances Tolerances, DateTimeOffset ApprovedAt, string ApprovedBy, string? SetBy = null);

/// <summary>A dated point in the plan.</summary>
public sealed record Milestone(string Name, DateOnly Date);
