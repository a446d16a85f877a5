using Delivery.Workflows.Flow;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;

namespace Delivery.Functions.FlowReport;

/// <summary>A project approved in the period: when its request was submitted and approved, and the lead time between.</summary>
public sealed record FinishedRow(string ProjectId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double LeadTimeDays);

/// <summary>How many projects were approved in a month.</summary>
public sealed record ThroughputRow(string Month, int Finished);

/// <summary>Time spent in a stage by the projects that left it in the period.</summary>
public sealed record StageTimeRow(ProjectStage Stage, DurationSummary Time);

/// <summary>How long an approver took to decide the steps they decided in the period; how many they decided for someone else.</summary>
public sealed record ApproverRow(string Approver, DurationSummary Turnaround, int OnBehalfOfOthers);

/// <summary>A project in progress and its age: days since its request was submitted.</summary>
public sealed record AgeRow(string ProjectId, ProjectStage Stage, DateTimeOffset StartedAt, double AgeDays);

/// <summary>Work in progress in a stage, with the age of the oldest item there.</summary>
public sealed record WipRow(ProjectStage Stage, int Count, double OldestAgeDays);

/// <summary>
/// The flow report for a period of whole calendar months ending with the current one, worked out from the flow
/// view's month documents and work in progress (see the README's flow metrics section for what each figure means).
/// </summary>
public sealed record FlowReportData(
    string From,
    string To,
    DateTimeOffset AsAt,
    DurationSummary LeadTime,
    IReadOnlyList<FinishedRow> Finished,
    IReadOnlyList<ThroughputRow> Throughput,
    IReadOnlyList<StageTimeRow> TimeInStage,
    IReadOnlyList<ApproverRow> ApprovalTurnaround,
    IReadOnlyList<WipRow> WorkInProgress,
    IReadOnlyList<AgeRow> Ages)
{
    /// <summary>The months of the period, oldest first, as yyyy-MM.</summary>
    public static IReadOnlyList<string> MonthsEnding(DateTimeOffset now, int months) => FlowCalculator.MonthsEnding(now, months);

    public static FlowReportData Of(FlowData data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        var items = data.Months.SelectMany(m => m.Items).ToList();
        var finished = items.Where(i => i.Finished is not null)
            .Select(i => new FinishedRow(i.ProjectId, i.Finished!.StartedAt, i.Finished.FinishedAt, FlowCalculator.Round(i.Finished.LeadTimeDays)))
            .OrderBy(f => f.FinishedAt).ThenBy(f => f.ProjectId, StringComparer.Ordinal).ToList();
        var stages = items.SelectMany(i => i.Spells).GroupBy(s => s.Stage).OrderBy(g => g.Key)
            .Select(g => new StageTimeRow(g.Key, DurationSummary.Of(g.Select(s => s.Days).ToList()))).ToList();
        var approvers = items.SelectMany(i => i.Turns).GroupBy(t => t.Approver, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ApproverRow(g.Key, DurationSummary.Of(g.Select(t => t.Days).ToList()), g.Count(t => t.OnBehalfOf is not null))).ToList();
        var ages = data.Wip.Items.Select(w => new AgeRow(w.ProjectId, w.Stage, w.StartedAt, FlowCalculator.Round(FlowCalculator.Days(w.StartedAt, now))))
            .OrderBy(a => a.Stage).ThenByDescending(a => a.AgeDays).ThenBy(a => a.ProjectId, StringComparer.Ordinal).ToList();
        var wip = ages.GroupBy(a => a.Stage).Select(g => new WipRow(g.Key, g.Count(), g.Max(a => a.AgeDays))).ToList();
        return new FlowReportData(
            data.Months[0].Month,
            data.Months[^1].Month,
            now,
            DurationSummary.Of(finished.Select(f => f.LeadTimeDays).ToList()),
            finished,
            data.Months.Select(m => new ThroughputRow(m.Month, m.Items.Count(i => i.Finished is not null))).ToList(),
            stages,
            approvers,
            wip,
            ages);
    }
}
