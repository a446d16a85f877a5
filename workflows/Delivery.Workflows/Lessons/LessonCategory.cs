using System.Text.Json.Serialization;

namespace Delivery.Workflows.Lessons;

/// <summary>What a lesson is about: a fixed set, so the lessons log can be searched by it across projects.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LessonCategory>))]
public enum LessonCategory
{
    Governance,
    Procurement,
    Supplier,
    Technology,
    People,
    Communication,
    Finance,
    Planning,
    Risk,
    Benefits,
}

/// <summary>Whether what happened went well (to repeat) or badly (to avoid).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LessonOutcome>))]
public enum LessonOutcome
{
    WentWell,
    WentBadly,
}
