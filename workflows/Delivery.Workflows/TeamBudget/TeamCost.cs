using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.TeamBudget;

/// <summary>
/// A digital service team's cost model, one document in its project's partition: every cost the delivery manager
/// has set, each effective from a date, so a change (the team grows, a contractor leaves) keeps the months before it
/// costed as they were.
/// </summary>
public sealed record TeamCostRecord : IProjectDocument<TeamCostRecord>
{
    public const string DocumentType = "team-cost";

    public const string DocumentId = "team-cost";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>Every cost set, in the order it was recorded.</summary>
    public IReadOnlyList<TeamCostEntry> Entries { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public TeamCostRecord WithETag(string? etag) => this with { ETag = etag };

    /// <summary>
    /// The monthly cost from each effective date on: when two costs share a date the later recorded one wins (a
    /// correction), and a date before the first cost has none (the team was not costed then).
    /// </summary>
    public IReadOnlyList<TeamCostPeriod> Periods() =>
        Entries.GroupBy(e => e.EffectiveFrom)
            .Select(g => new TeamCostPeriod(g.Key, g.OrderBy(e => e.RecordedAt).Last().MonthlyCost))
            .OrderBy(p => p.From)
            .ToList();
}

/// <summary>
/// One cost the team runs at from <see cref="EffectiveFrom"/>: a run rate per month, or roles with their day rates and
/// days a month (the monthly cost is then their sum). Its id is the caller's, so sending it again is recognised.
/// </summary>
public sealed record TeamCostEntry(string CostId, DateOnly EffectiveFrom, decimal? RunRate, IReadOnlyList<TeamRole> Roles, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The cost of a month: the run rate, or each role's day rate times its days a month.</summary>
    public decimal MonthlyCost => RunRate ?? Roles.Sum(r => r.MonthlyCost);

    /// <summary>Whether another sending sets the same cost (a retry), whoever sent it and whenever.</summary>
    public bool SameAs(TeamCostEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CostId == other.CostId && EffectiveFrom == other.EffectiveFrom && RunRate == other.RunRate && Roles.SequenceEqual(other.Roles);
    }
}

/// <summary>A role in the team (a user researcher, two developers counted as one role with double the days).</summary>
public sealed record TeamRole(string Role, decimal DayRate, decimal DaysPerMonth)
{
    public decimal MonthlyCost => DayRate * DaysPerMonth;
}

/// <summary>The team's monthly cost from a date until the next period starts.</summary>
public sealed record TeamCostPeriod(DateOnly From, decimal MonthlyCost);
