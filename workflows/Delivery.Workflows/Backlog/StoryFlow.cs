using Delivery.Workflows.Flow;

namespace Delivery.Workflows.Backlog;

/// <summary>
/// What a story's transitions say about its flow (Kanban Guide): it started when it first entered In progress and
/// finished when it last entered Done and stayed there. Work in progress: started, not finished. A story moved back
/// out of Done is unfinished again; one moved back to the backlog or ready is no longer in progress, but keeps its
/// first start if it is picked up again. A story that went to Done without passing In progress has no start, so it
/// counts in throughput but has no cycle time.
/// </summary>
public sealed record StoryFlow(DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, bool InProgress)
{
    public static readonly StoryFlow None = new(null, null, false);

    public double? CycleTimeDays => StartedAt is { } s && FinishedAt is { } f ? FlowCalculator.Days(s, f) : null;

    /// <summary>The item's flow: a story's from its transitions; an epic has none, as flow metrics count stories.</summary>
    public static StoryFlow Of(StoryRecord item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind == StoryKind.Story ? Of(item.Transitions) : None;
    }

    public static StoryFlow Of(IEnumerable<StoryTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var ordered = transitions.OrderBy(t => t.At).ToList();
        if (ordered.Count == 0)
        {
            return None;
        }

        var started = ordered.FirstOrDefault(t => t.Status == StoryStatus.InProgress)?.At;
        var last = ordered[^1];
        return last.Status switch
        {
            StoryStatus.Done => new StoryFlow(started, last.At, false),
            StoryStatus.InProgress => new StoryFlow(started, null, true),
            _ => new StoryFlow(started, null, false),
        };
    }
}
