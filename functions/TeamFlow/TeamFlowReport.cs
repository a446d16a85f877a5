using Delivery.Workflows.Backlog;
using Delivery.Workflows.Flow;

namespace Delivery.Functions.TeamFlow;

/// <summary>A story finished in the period: when it started (if it passed through In progress) and finished, and its cycle time.</summary>
public sealed record FinishedStoryRow(string StoryId, DateTimeOffset? StartedAt, DateTimeOffset FinishedAt, double? CycleTimeDays);

/// <summary>How many stories the team finished in a month.</summary>
public sealed record TeamThroughputRow(string Month, int Finished);

/// <summary>A story in progress and its work item age: days since it started.</summary>
public sealed record StoryAgeRow(string StoryId, DateTimeOffset StartedAt, double AgeDays);

/// <summary>
/// A team's flow metrics (Kanban Guide) for a period of whole calendar months ending with the current one, worked
/// out from its flow summary documents: cycle time (finish − start) of the stories finished in the period with its
/// 50th and 85th percentiles, throughput (stories finished) per month, work in progress (started, not finished) and
/// the work item age (now − start) of each item in progress. Percentiles are nearest rank, as in the project flow report.
/// </summary>
public sealed record TeamFlowReport(
    string ProjectId,
    string From,
    string To,
    DateTimeOffset AsAt,
    DurationSummary CycleTime,
    int FinishedWithoutStart,
    IReadOnlyList<FinishedStoryRow> Finished,
    IReadOnlyList<TeamThroughputRow> Throughput,
    int WorkInProgress,
    DurationSummary Age,
    IReadOnlyList<StoryAgeRow> Ages)
{
    public static TeamFlowReport Of(string projectId, BacklogFlowData data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        var finished = data.Months.SelectMany(m => m.Items).Where(i => i.FinishedAt is not null)
            .Select(i => new FinishedStoryRow(i.StoryId, i.StartedAt, i.FinishedAt!.Value, i.StartedAt is { } s ? FlowCalculator.Round(FlowCalculator.Days(s, i.FinishedAt.Value)) : null))
            .OrderBy(f => f.FinishedAt).ThenBy(f => f.StoryId, StringComparer.Ordinal).ToList();
        var ages = data.Wip.Where(i => i.StartedAt is not null)
            .Select(i => new StoryAgeRow(i.StoryId, i.StartedAt!.Value, FlowCalculator.Round(FlowCalculator.Days(i.StartedAt.Value, now))))
            .OrderByDescending(a => a.AgeDays).ThenBy(a => a.StoryId, StringComparer.Ordinal).ToList();
        return new TeamFlowReport(
            projectId,
            data.Months[0].Month,
            data.Months[^1].Month,
            now,
            DurationSummary.Of(finished.Where(f => f.CycleTimeDays is not null).Select(f => f.CycleTimeDays!.Value).ToList()),
            finished.Count(f => f.CycleTimeDays is null),
            finished,
            data.Months.Select(m => new TeamThroughputRow(m.Month, m.Items.Count)).ToList(),
            ages.Count,
            DurationSummary.Of(ages.Select(a => a.AgeDays).ToList()),
            ages);
    }
}
