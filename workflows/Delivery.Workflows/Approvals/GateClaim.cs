namespace Delivery.Workflows.Approvals;

/// <summary>What claiming a gate for one person's decision came to (see <see cref="ApprovalStepRepository.ClaimGateAsync"/>).</summary>
public enum GateClaim
{
    /// <summary>The claim is theirs for this step: new, or left by an earlier attempt.</summary>
    Claimed,

    /// <summary>They hold another step of the same gate: one person gives one approval in a gate.</summary>
    HeldForAnotherStep,

    /// <summary>Their own concurrent attempts kept creating and releasing it: a race, to be tried again.</summary>
    Contended,
}
