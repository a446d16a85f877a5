namespace Delivery.Workflows.Approvals;

/// <summary>
/// What a decision may carry, from settings, checked by <see cref="ApprovalDecisionService"/> for the page, the API
/// and email links alike: comment length and the bounds of the tolerances a final approver sets.
/// </summary>
public sealed record DecisionLimits
{
    public int MaxCommentLength { get; init; } = 4000;

    public decimal MaxCostPercent { get; init; } = 50m;

    public int MaxTimeWorkingDays { get; init; } = 250;

    /// <summary>Risk tolerance is a score on the 5 × 5 matrix, so 1 to 25.</summary>
    public int MaxRiskScore { get; init; } = 25;

    public decimal MaxBenefitsPercent { get; init; } = 100m;

    /// <summary>Longest scope or quality tolerance statement.</summary>
    public int MaxStatementLength { get; init; } = 500;
}
