namespace Delivery.Workflows.Approvals;

/// <summary>
/// Turns a cost into its approval route, as the scheme of delegation in settings says, keeping duties separate:
/// the requester never approves their own project, a person holds at most one step of the gate, and escalation
/// contacts are people with no other part in the gate.
/// </summary>
public static class ApprovalRouter
{
    /// <summary>The band a cost falls in: the first whose <see cref="CostBand.UpTo"/> it does not exceed.</summary>
    public static CostBand Band(ApprovalPolicy policy, decimal cost)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Bands.OrderBy(b => b.UpTo ?? decimal.MaxValue).First(b => b.UpTo is null || cost <= b.UpTo);
    }

    /// <exception cref="ApprovalRoutingException">Nobody eligible holds a step's role; the message says which and why.</exception>
    public static ApprovalRoute Route(ApprovalPolicy policy, decimal cost, ProjectRequester requester)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(requester);
        var band = Band(policy, cost);
        var inGate = new List<Approver>();
        var rounds = RouteRule.Parse(band.Route)
            .Select((rules, r) => rules.Select((rule, s) => (Key: $"r{r + 1}s{s + 1}", Rule: rule, Approver: Choose(policy, rule, requester, inGate))).ToList())
            .ToList();
        return new ApprovalRoute(band.Name, rounds
            .Select(round => new ApprovalRound(round.Select(step => new ApprovalStepPlan(
                step.Key,
                step.Rule.IsRole ? Words(step.Rule.Value) : "Named approver",
                step.Approver.Id,
                EscalationContact(policy, step.Approver, requester, inGate)?.Id,
                step.Rule.IsRole ? step.Rule.Value : null)).ToList()))
            .ToList());
    }

    /// <summary>
    /// The first holder of the rule who may approve; when that is the requester, their own escalation contact if they
    /// may, else the next holder of the role. Each chosen person is added to <paramref name="inGate"/>.
    /// </summary>
    private static Approver Choose(ApprovalPolicy policy, RouteRule rule, ProjectRequester requester, List<Approver> inGate)
    {
        var holders = rule.IsRole
            ? policy.People.Where(p => p.Holds(rule.Value)).ToList()
            : policy.Find(rule.Value) is { } named ? [named] : [];
        if (holders.Count == 0)
        {
            throw new ApprovalRoutingException($"Nobody is set up as {rule}.");
        }

        var candidates = holders.Take(1)
            .Concat(requester.Is(holders[0]) && policy.Find(holders[0].EscalationContactId) is { } contact ? [contact] : [])
            .Concat(holders.Skip(1));
        var chosen = candidates.FirstOrDefault(p => Eligible(policy, p, requester, inGate))
            ?? throw new ApprovalRoutingException(
                $"Nobody can approve as {rule}: {string.Join("; ", holders.Select(p => Why(policy, p, requester, inGate)))}. Add another person with that role to the scheme of delegation.");
        inGate.Add(chosen);
        return chosen;
    }

    /// <summary>
    /// The first person up the approver's escalation chain with no other part in the gate and no conflict, or null
    /// (the step is then reminded but never escalated).
    /// </summary>
    private static Approver? EscalationContact(ApprovalPolicy policy, Approver approver, ProjectRequester requester, List<Approver> inGate)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { approver.Id };
        for (var next = policy.Find(approver.EscalationContactId); next is not null && seen.Add(next.Id); next = policy.Find(next.EscalationContactId))
        {
            if (Eligible(policy, next, requester, inGate))
            {
                return next;
            }
        }

        return null;
    }

    private static bool Eligible(ApprovalPolicy policy, Approver person, ProjectRequester requester, List<Approver> inGate) =>
        Why(policy, person, requester, inGate) is null;

    private static string? Why(ApprovalPolicy policy, Approver person, ProjectRequester requester, List<Approver> inGate) =>
        SeparationOfDuties.Conflict(policy, person, requester, person.Name)
        ?? (inGate.Any(p => p.Is(person.Id)) ? $"{person.Name} already holds another step of this gate" : null);

    /// <summary>"HeadOfService" → "Head of service", as GOV.UK writes labels.</summary>
    private static string Words(string pascal)
    {
        var words = System.Text.RegularExpressions.Regex.Split(pascal, "(?<=[a-z])(?=[A-Z])");
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }
}

/// <summary>No eligible approver for a step of the route; the message names the step and why each holder was passed over.</summary>
public sealed class ApprovalRoutingException(string message) : Exception(message);
