using System.Text.Json.Serialization;
using Delivery.Workflows.Flow;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Views;

/// <summary>A document of the flow view, written under its ETag.</summary>
public interface IFlowDocument
{
    string? ETag { get; }
}

/// <summary>
/// A project's row in the flow view: the audit entries the flow metrics read (by id, so replaying one adds
/// nothing) and the month documents it has contributed to, so a change can take it out of one it no longer belongs in.
/// </summary>
public sealed record FlowProjectRow : IFlowDocument
{
    public const string DocumentType = "flow-project";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = ViewIds.Flow;

    public string Type { get; init; } = DocumentType;

    public required string ProjectId { get; init; }

    public IReadOnlyList<FlowEvent> Events { get; init; } = [];

    public IReadOnlyList<string> Months { get; init; } = [];

    public bool InProgress { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string IdFor(string projectId) => "project~" + projectId;
}

/// <summary>A project approved (finished) in the month: its start, finish and lead time.</summary>
public sealed record FinishedItem(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double LeadTimeDays);

/// <summary>What one project adds to a month: its finish, the stages it left and the approval steps decided that month.</summary>
public sealed record FlowMonthItem(string ProjectId, FinishedItem? Finished, IReadOnlyList<StageSpell> Spells, IReadOnlyList<ApprovalTurn> Turns);

/// <summary>
/// One calendar month of finished work across projects: an item per project with what it finished in the month.
/// The report reads a document per month, so its cost grows with the period, not with the number of projects.
/// </summary>
public sealed record FlowMonth : IFlowDocument
{
    public const string DocumentType = "flow-month";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = ViewIds.Flow;

    public string Type { get; init; } = DocumentType;

    public required string Month { get; init; }

    public IReadOnlyList<FlowMonthItem> Items { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string IdFor(string month) => "month~" + month;
}

/// <summary>A project in progress: the stage it is in, and when it started and entered that stage.</summary>
public sealed record WipItem(string ProjectId, ProjectStage Stage, DateTimeOffset StartedAt, DateTimeOffset? StageSince);

/// <summary>Every project in progress, one document, so work in progress and the age of each item are one point read.</summary>
public sealed record FlowWip : IFlowDocument
{
    public const string DocumentId = "wip";
    public const string DocumentType = "flow-wip";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public string ViewId { get; init; } = ViewIds.Flow;

    public string Type { get; init; } = DocumentType;

    public IReadOnlyList<WipItem> Items { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
