using System.Text.Json.Serialization;
using Delivery.Workflows.Lessons;

namespace Delivery.Workflows.Views;

/// <summary>One lesson as the cross-project lessons log shows it, with its project's title, copied from the lesson whenever it is recorded.</summary>
public sealed record LessonRow
{
    public const string DocumentType = "lesson-row";

    /// <summary>The project's id and the lesson's: one row per lesson.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = ViewIds.Lessons;

    public string Type { get; init; } = DocumentType;

    public required string ProjectId { get; init; }

    public required string ProjectTitle { get; init; }

    public required string LessonId { get; init; }

    public required LessonCategory Category { get; init; }

    public required string WhatHappened { get; init; }

    public required string Recommendation { get; init; }

    public required LessonOutcome Outcome { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public static string IdFor(string projectId, string lessonId) => projectId + "~" + lessonId;

    public static LessonRow From(LessonRecord lesson, string projectTitle)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        return new LessonRow
        {
            Id = IdFor(lesson.ProjectId, lesson.LessonId),
            ProjectId = lesson.ProjectId,
            ProjectTitle = projectTitle,
            LessonId = lesson.LessonId,
            Category = lesson.Category,
            WhatHappened = lesson.WhatHappened,
            Recommendation = lesson.Recommendation,
            Outcome = lesson.Outcome,
            Version = lesson.Version,
            RecordedAt = lesson.RecordedAt,
        };
    }

    /// <summary>Whether every word of the search appears in what happened, the recommendation or the project's title (any case).</summary>
    public bool Matches(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.All(w => WhatHappened.Contains(w, StringComparison.OrdinalIgnoreCase)
            || Recommendation.Contains(w, StringComparison.OrdinalIgnoreCase)
            || ProjectTitle.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
