using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Flow;

/// <summary>An audit entry as the flow metrics need it: what happened, when, to which step or stage, and who did it.</summary>
public sealed record FlowEvent(string Id, DateTimeOffset At, AuditAction Action, string Actor, string? OnBehalfOf, string? Subject)
{
    public static FlowEvent From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.At, entry.Action, entry.Actor, entry.OnBehalfOf, entry.Subject);
    }
}

/// <summary>A stretch of time a project spent in one stage, ended by its next stage change.</summary>
public sealed record StageSpell(ProjectStage Stage, DateTimeOffset EnteredAt, DateTimeOffset LeftAt, double Days);

/// <summary>One approval step from its request to its decision, with who decided it (and for whom, when delegated).</summary>
public sealed record ApprovalTurn(string StepId, string Approver, string? OnBehalfOf, DateTimeOffset RequestedAt, DateTimeOffset DecidedAt, double Days);

/// <summary>What a project's audit trail says about its flow: when it started, whether and when it finished, where it is.</summary>
public sealed record FlowFacts(
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? LeadTimeDays,
    bool Discarded,
    ProjectStage Stage,
    DateTimeOffset? StageSince,
    IReadOnlyList<StageSpell> Spells,
    IReadOnlyList<ApprovalTurn> Turns)
{
    /// <summary>Work in progress: started and neither finished (approved) nor discarded (rejected or withdrawn).</summary>
    public bool InProgress => StartedAt is not null && FinishedAt is null && !Discarded;
}

/// <summary>
/// The flow calculations, kept pure so they can be tested without storage. Durations are in days (fractional) and
/// never negative: an end before its start (clock skew, entries out of order) counts as zero. Percentiles use the
/// nearest-rank method: the p-th percentile of n sorted values is the value at rank ⌈p/100 × n⌉.
/// </summary>
public static class FlowCalculator
{
    /// <summary>The audit actions the flow metrics read; others are ignored.</summary>
    public static bool Matters(AuditAction action) =>
        action is AuditAction.Submitted or AuditAction.ApprovalRequested or AuditAction.Decided or AuditAction.StageChanged or AuditAction.Withdrawn;

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, zero when the end comes first.</summary>
    public static double Days(DateTimeOffset from, DateTimeOffset to) => Math.Max(0d, (to - from).TotalDays);

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 100) of the values, or null when there are none.</summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100d);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p / 100d * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Rounds a duration in days for showing (two places, halves away from zero).</summary>
    public static double Round(double days) => Math.Round(days, 2, MidpointRounding.AwayFromZero);

    /// <summary>The months of a period of whole calendar months (UTC) ending with the one <paramref name="now"/> is in, oldest first, as yyyy-MM.</summary>
    public static IReadOnlyList<string> MonthsEnding(DateTimeOffset now, int months)
    {
        var current = new DateTime(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, months).Select(i => MonthOf(new DateTimeOffset(current.AddMonths(i - months + 1)))).ToList();
    }

    /// <summary>The calendar month (UTC) an instant falls in, as yyyy-MM.</summary>
    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a project's flow from its audit entries (any order, duplicates ignored). Started: the request was
    /// submitted. Finished: the first change into Initiation (the project was approved). Discarded: rejected or
    /// withdrawn before it finished. Stage spells run from each stage change to the next; the request stage starts at
    /// submission. An approval turn runs from a step's request to its decision.
    /// </summary>
    public static FlowFacts Facts(IEnumerable<FlowEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ordered = events.DistinctBy(e => e.Id).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var started = ordered.FirstOrDefault(e => e.Action == AuditAction.Submitted)?.At;

        var changes = new List<(ProjectStage Stage, DateTimeOffset At)>();
        if (started is { } s)
        {
            changes.Add((ProjectStage.Request, s));
        }

        foreach (var change in ordered.Where(e => e.Action == AuditAction.StageChanged))
        {
            if (Enum.TryParse<ProjectStage>(change.Subject, out var stage) && (changes.Count == 0 || changes[^1].Stage != stage))
            {
                changes.Add((stage, change.At));
            }
        }

        var spells = new List<StageSpell>();
        for (var i = 0; i + 1 < changes.Count; i++)
        {
            spells.Add(new StageSpell(changes[i].Stage, changes[i].At, changes[i + 1].At, Days(changes[i].At, changes[i + 1].At)));
        }

        var finished = changes.Where(c => c.Stage == ProjectStage.Initiation).Select(c => (DateTimeOffset?)c.At).FirstOrDefault();
        var discarded = finished is null && (ordered.Any(e => e.Action == AuditAction.Withdrawn)
            || changes.Any(c => c.Stage is ProjectStage.Rejected or ProjectStage.Withdrawn));

        var requested = ordered.Where(e => e.Action == AuditAction.ApprovalRequested && e.Subject is not null)
            .GroupBy(e => e.Subject!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().At, StringComparer.Ordinal);
        var turns = ordered.Where(e => e.Action == AuditAction.Decided && e.Subject is not null && requested.ContainsKey(e.Subject))
            .DistinctBy(e => e.Subject)
            .Select(e => new ApprovalTurn(e.Subject!, e.Actor, e.OnBehalfOf, requested[e.Subject!], e.At, Days(requested[e.Subject!], e.At)))
            .ToList();

        return new FlowFacts(
            started,
            finished,
            started is { } from && finished is { } to ? Days(from, to) : null,
            discarded,
            changes.Count == 0 ? ProjectStage.Request : changes[^1].Stage,
            changes.Count == 0 ? null : changes[^1].At,
            spells,
            turns);
    }
}
