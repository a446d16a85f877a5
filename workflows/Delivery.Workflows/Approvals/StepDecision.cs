namespace Delivery.Workflows.Approvals;

/// <summary>
/// The decision on one step: who decided (the approver, their delegate or escalation contact), on whose behalf,
/// with what comment, and what the final approver adjusted for initiation.
/// </summary>
public sealed record StepDecision(
    string StepId,
    ApprovalOutcome Outcome,
    string DecidedBy,
    string? OnBehalfOf,
    string? Comment,
    DateTimeOffset DecidedAt,
    InitiationAdjustments? Adjustments = null)
{
    /// <summary>The decision as workflows carry it: the comment is free text that may name people, so it stays on the step document.</summary>
    public StepDecision ForWorkflow() => this with { Comment = null };
}

/// <summary>What the final approver may change when approving: the project manager and the tolerances.</summary>
public sealed record InitiationAdjustments(string? ProjectManagerId, Tolerances? Tolerances);

/// <summary>
/// PRINCE2 tolerances: the permitted deviation from plan before it is an exception. Scope is also measured as money:
/// the change budget (a share of the approved budget set aside for changes), which the project manager may spend on
/// changes that also move no milestone by more than <see cref="ChangeWorkingDays"/>; larger changes go to the board.
/// </summary>
public sealed record Tolerances(
    int TimeWorkingDays,
    decimal CostPercent,
    string Scope,
    string Quality,
    int RiskScore,
    decimal BenefitsPercent,
    decimal ChangeBudgetPercent = 5m,
    int ChangeWorkingDays = 5);
