namespace Delivery.Workflows.Approvals;

/// <summary>
/// One approver in a route, written <c>role:Finance</c> or <c>person:board-ben</c>. A route is rounds separated by
/// <c>;</c> (one after another); approvers joined by <c>+</c> within a round decide in parallel.
/// </summary>
public sealed record RouteRule(bool IsRole, string Value)
{
    public static IReadOnlyList<IReadOnlyList<RouteRule>> Parse(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var rounds = route.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(round => (IReadOnlyList<RouteRule>)round.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ParseOne).ToList())
            .ToList();
        return rounds.Count == 0 ? throw new FormatException("the route names no approver.") : rounds;
    }

    public Approver? Resolve(ApprovalPolicy policy) =>
        IsRole
            ? policy.People.FirstOrDefault(p => p.Roles.Contains(Value, StringComparer.OrdinalIgnoreCase))
            : policy.Find(Value);

    public override string ToString() => (IsRole ? "role:" : "person:") + Value;

    private static RouteRule ParseOne(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : text[..colon].Trim();
        var value = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        return (kind.ToUpperInvariant(), value) switch
        {
            (_, "") => throw new FormatException($"'{text}' names nobody; write role:Name or person:id."),
            ("ROLE", _) => new RouteRule(true, value),
            ("PERSON", _) => new RouteRule(false, value),
            _ => throw new FormatException($"'{text}' must start with role: or person:."),
        };
    }
}
