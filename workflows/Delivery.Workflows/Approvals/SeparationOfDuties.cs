namespace Delivery.Workflows.Approvals;

/// <summary>
/// Who may decide for a project, the same when the route is planned, when a decision is delegated and when a
/// decision is taken: never the requester (a sponsor approving as budget holder is normal and allowed), never
/// someone a conflict rule in settings excludes. "One person, one approval per gate" is checked against the gate's
/// other steps by <see cref="ApprovalDecisionService"/> and kept apart by the router.
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>
    /// Why <paramref name="person"/> may not decide on a project of <paramref name="requester"/>, or null; the reason
    /// names them as <paramref name="who"/> ("you", or their name).
    /// </summary>
    public static string? Conflict(ApprovalPolicy policy, Approver person, ProjectRequester requester, string who)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(requester);
        if (requester.Is(person))
        {
            return $"{who} requested this project, and nobody approves their own project";
        }

        return policy.Conflicts.Select(c => c.Applies(policy, person, requester)).FirstOrDefault(reason => reason is not null) is { } rule
            ? $"{who} {rule}"
            : null;
    }

    /// <summary>
    /// Why this person may not decide this step given the gate's other steps: they decided one of them, or they are
    /// its approver, delegate or the contact it was escalated to. Null when they may.
    /// </summary>
    public static string? SecondApproval(string userId, ApprovalStepDocument step, IEnumerable<ApprovalStepDocument> gateSteps, string who)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(gateSteps);
        foreach (var other in gateSteps.Where(s => s.GateId == step.GateId && s.Id != step.Id))
        {
            if (other.Decision is { Outcome: not (ApprovalOutcome.Cancelled or ApprovalOutcome.Withdrawn) } decision
                && string.Equals(decision.DecidedBy, userId, StringComparison.OrdinalIgnoreCase))
            {
                return $"{who} already decided the {other.Label.ToLowerInvariant()} step of this approval, and one person gives one approval in a gate";
            }

            if (other.Status == StepStatus.Pending && other.MayDecide(userId))
            {
                return $"{who} may also decide the {other.Label.ToLowerInvariant()} step of this approval, and one person gives one approval in a gate";
            }
        }

        return null;
    }
}
