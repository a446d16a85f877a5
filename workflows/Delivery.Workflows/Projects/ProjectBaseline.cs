using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Projects;

/// <summary>The baseline a project is measured against from initiation: approved budget, milestones, tolerances.</summary>
public sealed record ProjectBaseline(decimal ApprovedBudget, IReadOnlyList<Milestone> Milestones, Tolerances Tolerances, DateTimeOffset ApprovedAt, string ApprovedBy);

/// <summary>A dated point in the plan.</summary>
public sealed record Milestone(string Name, DateOnly Date);
