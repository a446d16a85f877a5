using Delivery.Workflows.Approvals;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Delivery.Workflows.Stages;

namespace Delivery.Workflows.Closure;

/// <summary>The records an end project report is built from, read from the project's partition.</summary>
public sealed record ProjectRecords(
    BudgetSummary Money,
    IReadOnlyList<MilestoneRecord> Milestones,
    IReadOnlyList<RaidItem> Raid,
    IReadOnlyList<ChangeRequest> Changes,
    IReadOnlyList<ProjectException> Exceptions,
    IReadOnlyList<EndStageReport> StageReports,
    IReadOnlyList<HighlightReport> HighlightReports);

/// <summary>
/// Builds the end project report from the project's own records. Pure: the same project, records, handover and day
/// always give the same report, so what the sponsor approves is exactly what was sent.
/// </summary>
public static class EndProjectReports
{
    public static EndProjectReport Build(
        ProjectDocument project, ProjectRecords records, string summary, IReadOnlyList<HandedOn> handedOn, DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(records);
        var baseline = project.Baseline ?? throw new InvalidOperationException($"Project {project.ProjectId} has no baseline.");
        var first = project.EarlierBaselines.Count > 0 ? project.EarlierBaselines[0] : baseline;
        var open = records.Raid.Where(i => i.IsOpen).ToList();
        return new EndProjectReport(
            project.Request.Title,
            project.Request.Description,
            summary,
            today,
            Time(first, records.Milestones, bankHolidays),
            new CostOutturn(first.ApprovedBudget, baseline.ApprovedBudget, records.Money.Actual.Total, records.Money.Actual.Total - baseline.ApprovedBudget, records.Money.Actual.Capital, records.Money.Actual.Revenue),
            new ScopeOutturn(baseline.ChangeBudget, baseline.ChangeBudgetUsed, records.Changes.Count(c => c.Status == ChangeStatus.Approved)),
            new RiskOutturn(open.Count(i => i.Kind == RaidKind.Risk), open.Count(i => i.Kind == RaidKind.Issue), open.Where(i => i.Kind == RaidKind.Risk).Max(i => i.Score)),
            records.Changes.OrderBy(c => c.RaisedAt).Select(c => $"{c.ChangeId}: {c.Title} ({c.Status})").ToList(),
            records.Exceptions.OrderBy(e => e.RaisedOn).Select(e => $"{e.ExceptionId}: {e.Measure} ({e.Status})").ToList(),
            Lessons(records),
            handedOn);
    }

    /// <summary>The last milestone's end: first approved, as last baselined, and reached (or still forecast).</summary>
    private static TimeOutturn Time(ProjectBaseline first, IReadOnlyList<MilestoneRecord> milestones, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        var last = milestones.OrderBy(m => m.Baseline).LastOrDefault();
        var firstEnd = first.Milestones.Count > 0 ? first.Milestones.Max(m => m.Date) : (DateOnly?)null;
        if (last is null)
        {
            return new TimeOutturn(firstEnd, null, null, Reached: false, null);
        }

        var reached = milestones.All(m => m.Actual is not null);
        var end = reached ? milestones.Max(m => m.Actual!.Value) : last.Expected;
        return new TimeOutturn(firstEnd, last.Baseline, end, reached, firstEnd is { } f ? WorkingDays.Between(f, end, bankHolidays) : null);
    }

    /// <summary>Every lesson the project recorded on the way: in exception, end stage and highlight reports, oldest first.</summary>
    private static List<string> Lessons(ProjectRecords records) =>
        records.Exceptions.Where(e => e.Report?.Lessons is not null).Select(e => (At: e.Report!.SubmittedAt, Text: $"Exception {e.ExceptionId}: {e.Report.Lessons}"))
            .Concat(records.StageReports.Where(r => r.Lessons is not null).Select(r => (At: r.SentAt, Text: $"End of {r.StageName}: {r.Lessons}")))
            .Concat(records.HighlightReports.Where(r => r.Lessons is not null).Select(r => (At: r.SentAt, Text: $"Highlight report {r.ReportDate:yyyy-MM-dd}: {r.Lessons}")))
            .OrderBy(l => l.At)
            .Select(l => l.Text)
            .ToList();
}
