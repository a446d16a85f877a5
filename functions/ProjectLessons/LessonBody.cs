using Delivery.Functions.App.Projects;
using Delivery.Workflows.Lessons;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ProjectLessons;

/// <summary>
/// A lesson as sent to <c>PUT /api/projects/{id}/lessons/{lessonId}</c>: <c>{"category","whatHappened",
/// "recommendation","outcome"}</c>, the category one of <see cref="LessonCategory"/> and the outcome
/// <c>wentWell</c> or <c>wentBadly</c>. Each PUT states the whole lesson.
/// </summary>
public sealed record LessonBody(string? Category, string? WhatHappened, string? Recommendation, string? Outcome)
{
    public static readonly LessonBody Empty = new(null, null, null, null);

    /// <summary>Every rule, every bad field named; the lesson (unstamped) when there is none.</summary>
    public (LessonRecord? Lesson, Dictionary<string, string[]> Errors) Read(string projectId, string lessonId, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(lessonId))
        {
            errors["lessonId"] = ["Give the lesson an id of 1 to 64 letters, digits, '-' or '_'."];
        }

        var category = RecordRules.Choice<LessonCategory>("category", Category, required: true, errors);
        RecordRules.Text("whatHappened", WhatHappened, limits.MaxReasonLength, required: true, errors);
        RecordRules.Text("recommendation", Recommendation, limits.MaxReasonLength, required: true, errors);
        var outcome = RecordRules.Choice<LessonOutcome>("outcome", Outcome, required: true, errors);
        return errors.Count > 0 ? (null, errors) : (new LessonRecord
        {
            Id = LessonRecord.IdFor(lessonId),
            ProjectId = projectId,
            LessonId = lessonId,
            Category = category!.Value,
            WhatHappened = WhatHappened!.Trim(),
            Recommendation = Recommendation!.Trim(),
            Outcome = outcome!.Value,
            Version = 0,
            RecordedBy = string.Empty,
            RecordedAt = default,
        }, errors);
    }
}

/// <summary>A lesson as the API shows it, with who recorded this version, when.</summary>
public sealed record LessonResponse(
    string ProjectId, string LessonId, LessonCategory Category, string WhatHappened, string Recommendation, LessonOutcome Outcome, int Version, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static LessonResponse From(LessonRecord l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new LessonResponse(l.ProjectId, l.LessonId, l.Category, l.WhatHappened, l.Recommendation, l.Outcome, l.Version, l.RecordedBy, l.RecordedAt);
    }
}
