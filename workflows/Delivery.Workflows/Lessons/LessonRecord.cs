using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Lessons;

/// <summary>
/// A lesson the project manager logged, in the project's partition: its category, what happened, what was learned
/// (the recommendation for the next project) and whether it went well or badly. Each change is a new version,
/// audited once, and copied to the cross-project <c>lessons</c> view.
/// </summary>
public sealed record LessonRecord : IVersionedRecord<LessonRecord>
{
    public const string DocumentType = "lesson";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The recorder's own id for the lesson (L1, supplier-late), unique in the project.</summary>
    public required string LessonId { get; init; }

    public required LessonCategory Category { get; init; }

    public required string WhatHappened { get; init; }

    /// <summary>What was learned: the recommendation for the next business case.</summary>
    public required string Recommendation { get; init; }

    public required LessonOutcome Outcome { get; init; }

    public required int Version { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public LessonRecord WithETag(string? etag) => this with { ETag = etag };

    public LessonRecord AsVersion(int version, string by, DateTimeOffset at, LessonRecord? previous) =>
        this with { Version = version, RecordedBy = by, RecordedAt = at };

    public LessonRecord Unstamped() => this with { Version = 0, RecordedBy = string.Empty, RecordedAt = default, ETag = null };

    public static string IdFor(string lessonId) => "lesson~" + lessonId;
}
