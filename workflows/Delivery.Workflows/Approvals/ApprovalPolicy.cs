namespace Delivery.Workflows.Approvals;

/// <summary>
/// The scheme of delegation and the approval timings, from settings: who approves what, and when they are chased.
/// </summary>
public sealed record ApprovalPolicy
{
    /// <summary>Cost bands, each with its route; a band without <see cref="CostBand.UpTo"/> takes everything above.</summary>
    public required IReadOnlyList<CostBand> Bands { get; init; }

    /// <summary>The people who approve, with their approval roles and escalation contacts.</summary>
    public required IReadOnlyList<Approver> People { get; init; }

    public int ReminderAfterWorkingDays { get; init; } = 3;

    public int EscalateAfterWorkingDays { get; init; } = 5;

    /// <summary>Days that are not working days besides weekends (England and Wales bank holidays).</summary>
    public IReadOnlyList<DateOnly> BankHolidays { get; init; } = [];

    /// <summary>How long an emailed decision link works.</summary>
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Further conflicts of interest besides "nobody approves their own project", e.g. Finance in its own service area.</summary>
    public IReadOnlyList<ConflictRule> Conflicts { get; init; } = [];

    /// <summary>Bounds on what a decision may carry, the same however it arrives.</summary>
    public DecisionLimits Limits { get; init; } = new();

    public Approver? Find(string? id) =>
        People.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    public Approver? FindByEmail(string? email) =>
        People.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));

    public ApprovalTiming Timing => new(ReminderAfterWorkingDays, EscalateAfterWorkingDays, BankHolidays);

    /// <summary>Every problem with the policy, so start-up can refuse a scheme that could route to nobody.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Bands.Count == 0)
        {
            problems.Add("Bands: at least one cost band is needed.");
        }
        else if (Bands.All(b => b.UpTo is not null))
        {
            problems.Add("Bands: one band must have no UpTo, so that every cost has a route.");
        }

        if (EscalateAfterWorkingDays <= ReminderAfterWorkingDays || ReminderAfterWorkingDays < 1)
        {
            problems.Add("EscalateAfterWorkingDays must be greater than ReminderAfterWorkingDays, which must be at least 1.");
        }

        foreach (var band in Bands)
        {
            try
            {
                foreach (var rule in RouteRule.Parse(band.Route).SelectMany(r => r))
                {
                    if (rule.Resolve(this) is null)
                    {
                        problems.Add($"Bands ({band.Name}): nobody is set up as {rule}.");
                    }
                }
            }
            catch (FormatException ex)
            {
                problems.Add($"Bands ({band.Name}): {ex.Message}");
            }
        }

        foreach (var conflict in Conflicts)
        {
            problems.AddRange(conflict.Problems(this));
        }

        foreach (var person in People.Where(p => p.EscalationContactId is not null && Find(p.EscalationContactId) is null))
        {
            problems.Add($"People ({person.Id}): escalation contact {person.EscalationContactId} is not in People.");
        }

        return problems;
    }
}

/// <summary>A cost band of the scheme of delegation and its route, e.g. <c>role:LineManager; role:HeadOfService + role:Finance</c>.</summary>
public sealed record CostBand(string Name, decimal? UpTo, string Route);

/// <summary>
/// Someone who approves: an id (their sign-in id), approval roles, who they are escalated to, and the service area
/// they work in (for conflict rules).
/// </summary>
public sealed record Approver(string Id, string Name, string Email, IReadOnlyList<string> Roles, string? EscalationContactId, string? ServiceArea = null)
{
    public bool Holds(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    public bool Is(string? id) => string.Equals(Id, id, StringComparison.OrdinalIgnoreCase);

    public ApprovalPerson ToPerson() => new(Id, Name, Email);
}

/// <summary>When approvers are chased: reminder after N working days, escalation after M, not counting weekends and these bank holidays.</summary>
public sealed record ApprovalTiming(int ReminderAfterWorkingDays, int EscalateAfterWorkingDays, IReadOnlyList<DateOnly> BankHolidays);
