namespace Delivery.Workflows.Approvals;

/// <summary>Turns a total cost into its approval route, as the scheme of delegation in settings says.</summary>
public static class ApprovalRouter
{
    public static ApprovalRoute Route(ApprovalPolicy policy, decimal totalCost)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var band = policy.Bands
            .OrderBy(b => b.UpTo ?? decimal.MaxValue)
            .First(b => b.UpTo is null || totalCost <= b.UpTo);
        var rounds = RouteRule.Parse(band.Route)
            .Select((rules, r) => new ApprovalRound(rules.Select((rule, s) => Plan(policy, rule, $"r{r + 1}s{s + 1}")).ToList()))
            .ToList();
        return new ApprovalRoute(band.Name, rounds);
    }

    private static ApprovalStepPlan Plan(ApprovalPolicy policy, RouteRule rule, string key)
    {
        var approver = rule.Resolve(policy) ?? throw new InvalidOperationException($"Nobody is set up as {rule}.");
        var label = rule.IsRole ? Words(rule.Value) : "Named approver";
        return new ApprovalStepPlan(key, label, approver.Id, policy.Find(approver.EscalationContactId)?.Id);
    }

    /// <summary>"HeadOfService" → "Head of service", as GOV.UK writes labels.</summary>
    private static string Words(string pascal)
    {
        var words = System.Text.RegularExpressions.Regex.Split(pascal, "(?<=[a-z])(?=[A-Z])");
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }
}
