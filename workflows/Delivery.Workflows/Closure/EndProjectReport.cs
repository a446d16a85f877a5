namespace Delivery.Workflows.Closure;

/// <summary>
/// The end project report, from the project's own records when closure was asked for: its objectives; baseline
/// against outturn on time, cost, scope and risk; the changes and exceptions on the way; the lessons recorded; and
/// the open risks and issues handed on with their new owners.
/// </summary>
public sealed record EndProjectReport(
    string Title,
    string Objectives,
    string Summary,
    DateOnly ReportDate,
    TimeOutturn Time,
    CostOutturn Cost,
    ScopeOutturn Scope,
    RiskOutturn Risk,
    IReadOnlyList<string> Changes,
    IReadOnlyList<string> Exceptions,
    IReadOnlyList<string> Lessons,
    IReadOnlyList<HandedOn> HandedOn);

/// <summary>The end first approved, the end as last approved, and the end reached or forecast, with the slip against the first.</summary>
public sealed record TimeOutturn(DateOnly? FirstBaselineEnd, DateOnly? BaselineEnd, DateOnly? ActualEnd, bool Reached, int? WorkingDaysLate);

/// <summary>The budget first approved and as last approved, the outturn (spent), and the outturn's variance against the last.</summary>
public sealed record CostOutturn(decimal FirstApproved, decimal Approved, decimal Outturn, decimal Variance, decimal Capital, decimal Revenue);

/// <summary>The change budget and how much of it approved changes used; how many changes were approved.</summary>
public sealed record ScopeOutturn(decimal ChangeBudget, decimal ChangeBudgetUsed, int ChangesApproved);

/// <summary>Open risks and issues when the project closed, and the highest open risk score.</summary>
public sealed record RiskOutturn(int OpenRisks, int OpenIssues, int? HighestOpenScore);

/// <summary>An open risk or issue and who takes it over, by name.</summary>
public sealed record HandedOn(string ItemId, string Kind, string Title, string NewOwner);
