using Delivery.Workflows.Services;

namespace Delivery.Workflows.TeamBudget;

/// <summary>
/// What the tolerance monitor needs of a digital service's current phase: its budget and dates and the team's cost
/// periods. Kept on the project's control figures, so the sweep computes spend, forecast and runway for its own day
/// without reading the service's partition.
/// </summary>
public sealed record PhaseBudgetFigure(ServicePhase Phase, decimal Budget, DateOnly Start, DateOnly PlannedEnd, IReadOnlyList<TeamCostPeriod> Costs)
{
    public static PhaseBudgetFigure From(PhasePlan phase, TeamCostRecord? costs)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return new(phase.Phase, phase.Budget, phase.Start, phase.PlannedEnd, costs?.Periods() ?? []);
    }
}
