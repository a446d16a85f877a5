using Delivery.Workflows.Approvals;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Changes;

/// <summary>
/// Records the board's decision on a change beyond the project manager's delegation and carries it out
/// (<see cref="ChangeDecider"/>): approved and re-baselined, more information asked for, or rejected.
/// </summary>
public sealed class DecideChangeActivity(ChangeRepository changes, ChangeDecider decider) : TaskActivity<ChangeGateOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ChangeGateOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var submitted = input.Change;
        if (!input.Result.TryDecision(out var deciding))
        {
            return false;
        }

        var outcome = input.Result.Outcome;
        var status = outcome switch
        {
            ApprovalOutcome.Approved => ChangeStatus.Approved,
            ApprovalOutcome.ChangesRequested => ChangeStatus.MoreInformationRequested,
            _ => ChangeStatus.Rejected,
        };
        var change = await changes.UpdateAsync(submitted.ProjectId, submitted.ChangeId, c =>
            c.Version == submitted.Version && c.Status == ChangeStatus.AwaitingDecision
                ? c with { Status = status, Decision = new ChangeDecision(outcome, deciding.DecidedBy, deciding.DecidedAt, Automatic: false) }
                : null, CancellationToken.None);

        // Stored before (a retry) or since replaced by a newer version: only this version's own decision is carried out.
        if (change is null || change.Version != submitted.Version || change.Status != status || change.Decision?.Automatic != false)
        {
            return false;
        }

        await decider.ApplyAsync(submitted, change, deciding);
        return true;
    }
}
