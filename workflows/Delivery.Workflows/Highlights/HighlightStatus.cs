using Delivery.Workflows.Changes;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Raid;

namespace Delivery.Workflows.Highlights;

/// <summary>
/// Fills in a highlight report from the project's records. A dimension is red beyond its tolerance (the monitor's own
/// reading: an exception), amber when more than the amber share of the tolerance is used or an exception of its kind
/// is still open, else green. Pure: the same records and day always give the same facts.
/// </summary>
public static class HighlightStatus
{
    /// <summary>How many risks a report lists, highest score first.</summary>
    public const int TopRiskCount = 5;

    private static readonly (string Dimension, ToleranceKind[] Kinds)[] Dimensions =
    [
        ("Schedule", [ToleranceKind.Time]),
        ("Cost", [ToleranceKind.Cost]),
        ("Scope", [ToleranceKind.Scope]),
        ("Risk", [ToleranceKind.Risk, ToleranceKind.RiskActions]),
        ("Benefits", [ToleranceKind.Benefits]),
    ];

    public static HighlightFacts From(
        ControlFigures figures,
        IReadOnlyList<RaidItem> raid,
        IReadOnlyList<ChangeRequest> changes,
        IReadOnlyList<ProjectException> exceptions,
        DateOnly periodFrom,
        DateOnly today,
        IReadOnlyCollection<DateOnly> bankHolidays,
        decimal amberAtPercent)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(raid);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(exceptions);
        var readings = ToleranceEvaluator.Evaluate(figures, today, bankHolidays).ToDictionary(r => r.Kind);
        var near = ToleranceEvaluator.Evaluate(Scaled(figures, amberAtPercent / 100m), today, bankHolidays).ToDictionary(r => r.Kind);
        var open = exceptions.Where(e => e.Status is ExceptionStatus.AwaitingReport or ExceptionStatus.AwaitingDecision or ExceptionStatus.MoreInformationRequested).ToList();
        var statuses = Dimensions.Select(d =>
        {
            var worst = d.Kinds.Select(k => readings[k]).OrderByDescending(r => r.Band).First();
            var status = worst.Band > 0 ? Rag.Red
                : d.Kinds.Any(k => near[k].Band > 0 || open.Any(e => e.Kind == k)) ? Rag.Amber
                : Rag.Green;
            return new DimensionStatus(d.Dimension, status, worst.Measure);
        }).ToList();

        var openItems = raid.Where(i => i.IsOpen).ToList();
        return new HighlightFacts(
            statuses,
            openItems.Where(i => i.Kind == RaidKind.Risk).OrderByDescending(i => i.Score).ThenBy(i => i.ItemId, StringComparer.Ordinal)
                .Take(TopRiskCount).Select(i => new HighlightRisk(i.ItemId, i.Title, i.Score ?? 0)).ToList(),
            openItems.Where(i => i.Kind == RaidKind.Issue).OrderBy(i => i.ItemId, StringComparer.Ordinal)
                .Select(i => new HighlightIssue(i.ItemId, i.Title, i.Priority?.ToString(), i.Severity?.ToString())).ToList(),
            changes.Where(c => c.Status is not (ChangeStatus.Approved or ChangeStatus.Rejected) || (c.Decision?.DecidedAt is { } at && DateOnly.FromDateTime(at.UtcDateTime) >= periodFrom))
                .OrderBy(c => c.ChangeId, StringComparer.Ordinal).Select(c => new HighlightChange(c.ChangeId, c.Title, c.Status)).ToList(),
            open.OrderBy(e => e.RaisedOn).Select(e => new HighlightException(e.ExceptionId, e.Status, e.Measure)).ToList());
    }

    /// <summary>The figures with each tolerance cut to <paramref name="share"/> of itself: what "nearly beyond" reads as beyond.</summary>
    private static ControlFigures Scaled(ControlFigures figures, decimal share)
    {
        var t = figures.Tolerances;
        return figures with
        {
            Tolerances = t with
            {
                CostPercent = t.CostPercent * share,
                TimeWorkingDays = (int)Math.Floor(t.TimeWorkingDays * share),
                RiskScore = (int)Math.Floor(t.RiskScore * share),
                BenefitsPercent = t.BenefitsPercent * share,
            },
            ChangeBudget = figures.ChangeBudget * share,
        };
    }
}
