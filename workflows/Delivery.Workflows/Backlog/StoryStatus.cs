using System.Text.Json.Serialization;

namespace Delivery.Workflows.Backlog;

/// <summary>Where a backlog item is. Work in progress is <see cref="InProgress"/>; <see cref="Done"/> finishes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StoryStatus>))]
public enum StoryStatus
{
    Backlog,
    Ready,
    InProgress,
    Done,
}

/// <summary>A user story, or an epic that groups stories.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StoryKind>))]
public enum StoryKind
{
    Story,
    Epic,
}

/// <summary>Where a backlog item came from: recorded here, or imported from a tool's CSV export.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorySource>))]
public enum StorySource
{
    Recorded,
    Jira,
    AzureBoards,
}

/// <summary>A status the item entered, and when: every transition is kept, so flow metrics can be worked out from them.</summary>
public sealed record StoryTransition(StoryStatus Status, DateTimeOffset At);
