namespace Delivery.Workflows.Approvals;

/// <summary>
/// A conflict of interest named in settings, on top of the rule that nobody approves a project they requested.
/// <see cref="ConflictKind.SameServiceArea"/>: holders of <see cref="Role"/> (anyone, when empty) may not approve a
/// project requested by someone in their own service area. <see cref="ConflictKind.NamedPair"/>: the approver
/// <see cref="ApproverId"/> may not approve projects requested by <see cref="RequesterId"/>.
/// </summary>
public sealed record ConflictRule(ConflictKind Kind, string? Role = null, string? ApproverId = null, string? RequesterId = null)
{
    /// <summary>Why this rule stops <paramref name="approver"/> approving for <paramref name="requester"/> (a phrase to follow their name), or null.</summary>
    public string? Applies(ApprovalPolicy policy, Approver approver, ProjectRequester requester)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(approver);
        ArgumentNullException.ThrowIfNull(requester);
        switch (Kind)
        {
            case ConflictKind.SameServiceArea:
                var area = requester.ServiceArea(policy);
                return (string.IsNullOrEmpty(Role) || approver.Holds(Role))
                    && !string.IsNullOrEmpty(area)
                    && string.Equals(approver.ServiceArea, area, StringComparison.OrdinalIgnoreCase)
                    ? $"may not approve a project requested in their own service area ({area}){(string.IsNullOrEmpty(Role) ? string.Empty : $" as {Role}")}"
                    : null;
            case ConflictKind.NamedPair:
                return approver.Is(ApproverId) && requester.Is(RequesterId)
                    ? $"may not approve projects requested by {RequesterId}"
                    : null;
            default:
                return null;
        }
    }

    public IEnumerable<string> Problems(ApprovalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Kind == ConflictKind.NamedPair && (policy.Find(ApproverId) is null || string.IsNullOrWhiteSpace(RequesterId)))
        {
            yield return $"Conflicts: a NamedPair needs an ApproverId from People and a RequesterId ({ApproverId} / {RequesterId}).";
        }

        if (Kind == ConflictKind.SameServiceArea && !string.IsNullOrEmpty(Role) && !policy.People.Any(p => p.Holds(Role)))
        {
            yield return $"Conflicts: nobody holds role {Role}.";
        }
    }
}

/// <summary>The kinds of conflict settings can name.</summary>
public enum ConflictKind
{
    SameServiceArea,
    NamedPair,
}

/// <summary>Who requested a project: their sign-in id and email, enough to find them among the approvers.</summary>
public sealed record ProjectRequester(string Id, string Email)
{
    public bool Is(string? id) => string.Equals(Id, id, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this approver is the requester: the same sign-in id, or the same email address.</summary>
    public bool Is(Approver approver) =>
        approver is not null && (approver.Is(Id) || string.Equals(approver.Email, Email, StringComparison.OrdinalIgnoreCase));

    public string? ServiceArea(ApprovalPolicy policy) => (policy?.Find(Id) ?? policy?.FindByEmail(Email))?.ServiceArea;
}
