namespace Delivery.Workflows.Approvals;

/// <summary>
/// The ordered rounds of approval for one gate; the steps of a round run in parallel. <see cref="Note"/> says why it
/// was routed as it was when that needs saying (e.g. a resubmission that moved it into a higher band).
/// </summary>
public sealed record ApprovalRoute(string Band, IReadOnlyList<ApprovalRound> Rounds, string? Note = null)
{
    public IEnumerable<ApprovalStepPlan> Steps => Rounds.SelectMany(r => r.Steps);
}

/// <summary>Steps decided at the same time; all must approve before the next round starts.</summary>
public sealed record ApprovalRound(IReadOnlyList<ApprovalStepPlan> Steps);

/// <summary>
/// One approval step: who decides (a role resolved to a person, or a named person) and whom they escalate to, by
/// sign-in id only, and the role the step needs (null for a named person). Plans travel in orchestration inputs, so
/// names and emails are looked up by the activities that need them and stay in Cosmos DB.
/// </summary>
public sealed record ApprovalStepPlan(string Key, string Label, string ApproverId, string? EscalationContactId, string? Role = null);

/// <summary>A person as the workflow records them: sign-in id, name and email.</summary>
public sealed record ApprovalPerson(string Id, string Name, string Email);
