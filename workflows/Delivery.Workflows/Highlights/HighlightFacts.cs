using System.Text.Json.Serialization;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Monitoring;

namespace Delivery.Workflows.Highlights;

/// <summary>Red, amber or green for one dimension of a highlight report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Rag>))]
public enum Rag
{
    Green,
    Amber,
    Red,
}

/// <summary>
/// What a highlight report takes from the project's records: status per dimension with the monitor's reading, the
/// open risks by score, the open issues, the change requests and the exceptions not yet resolved.
/// </summary>
public sealed record HighlightFacts(
    IReadOnlyList<DimensionStatus> Statuses,
    IReadOnlyList<HighlightRisk> TopRisks,
    IReadOnlyList<HighlightIssue> OpenIssues,
    IReadOnlyList<HighlightChange> Changes,
    IReadOnlyList<HighlightException> OpenExceptions);

/// <summary>One dimension (schedule, cost, scope, risk, benefits), its RAG status and the tolerance reading behind it.</summary>
public sealed record DimensionStatus(string Dimension, Rag Status, string Reading);

public sealed record HighlightRisk(string ItemId, string Title, int Score);

public sealed record HighlightIssue(string ItemId, string Title, string? Priority, string? Severity);

public sealed record HighlightChange(string ChangeId, string Title, ChangeStatus Status);

public sealed record HighlightException(string ExceptionId, ExceptionStatus Status, string Measure);
