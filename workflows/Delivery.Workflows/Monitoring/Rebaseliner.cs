using Delivery.Workflows.Approvals;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// Replaces a project's baseline for an approved exception plan or change, keeping the earlier one: the new budget,
/// the moved milestone baselines, the tolerances (the decider's, else the current ones) and the change budget used.
/// Once only per approval (the baseline records what set it), so a retried activity changes nothing more.
/// </summary>
public sealed class Rebaseliner(ProjectRepository projects, MilestoneRepository milestones, ControlsView controls)
{
    /// <param name="projectId">The project.</param>
    /// <param name="setBy">The approval gate (or automatic approval) that sets it: also what makes it once only.</param>
    /// <param name="budget">The new approved budget, from the current baseline.</param>
    /// <param name="moved">The milestones whose baselines move, and to when.</param>
    /// <param name="tolerances">The decider's new tolerances, or null to keep the current ones.</param>
    /// <param name="changeBudgetUsed">Change budget this approval uses, added to what earlier ones used.</param>
    /// <param name="deciding">Who approved it and when: the new baseline's approver and date.</param>
    /// <param name="waitingFor">What the project now waits for, or null to leave it.</param>
    public async Task<ProjectDocument?> ApplyAsync(
        string projectId,
        string setBy,
        Func<ProjectBaseline, decimal> budget,
        IReadOnlyList<PlanMilestone> moved,
        Tolerances? tolerances,
        decimal changeBudgetUsed,
        StepDecision deciding,
        string? waitingFor)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(moved);
        ArgumentNullException.ThrowIfNull(deciding);
        var project = await projects.UpdateAsync(projectId, p =>
        {
            if (p.Baseline is not { } old || old.SetBy == setBy)
            {
                return null;
            }

            var dates = moved.ToDictionary(m => m.MilestoneId, m => m.Baseline, StringComparer.Ordinal);
            var milestonesMoved = old.Milestones.Select((m, i) => dates.TryGetValue(MilestoneRecord.BaselineId(i), out var date) ? m with { Date = date } : m).ToList();
            return p with
            {
                EarlierBaselines = [.. p.EarlierBaselines, old],
                Baseline = new ProjectBaseline(budget(old), milestonesMoved, tolerances ?? old.Tolerances, deciding.DecidedAt, deciding.DecidedBy, setBy, old.ChangeBudgetUsed + changeBudgetUsed, old.ChangeBudgetOf ?? old.ApprovedBudget),
                WaitingFor = waitingFor ?? p.WaitingFor,
            };
        }, CancellationToken.None);
        if (project is null)
        {
            return null;
        }

        foreach (var milestone in moved)
        {
            await milestones.RebaselineAsync(project, milestone.MilestoneId, milestone.Baseline, deciding.DecidedBy, deciding.DecidedAt, CancellationToken.None);
        }

        await controls.RefreshAsync(project, CancellationToken.None);
        return project;
    }
}
