using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Research;

/// <summary>
/// One user research session of a service, in its project's partition: when, how, how many took part, what was
/// found and which backlog stories it informs. It holds no participant's personal data by design (only a count), so
/// the log can be shown as evidence at assessments and in reports and needs no erasure.
/// </summary>
public sealed record ResearchSession : IProjectDocument<ResearchSession>
{
    public const string DocumentType = "research-session";

    [JsonPropertyName("id")]
    public string Id => IdFor(SessionId);

    public required string SessionId { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required DateOnly Date { get; init; }

    public required ResearchMethod Method { get; init; }

    public required int Participants { get; init; }

    public required string Findings { get; init; }

    /// <summary>Stories of the service's backlog the findings inform (each existed when the session was recorded).</summary>
    public required IReadOnlyList<string> StoryIds { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ResearchSession WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string sessionId) => $"research~{sessionId}";

    /// <summary>Whether another sending records the same session (a retry).</summary>
    public bool SameAs(ResearchSession other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Date == other.Date && Method == other.Method && Participants == other.Participants && Findings == other.Findings
            && StoryIds.SequenceEqual(other.StoryIds, StringComparer.Ordinal);
    }
}

/// <summary>How the research was done.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResearchMethod>))]
public enum ResearchMethod
{
    Interview,
    UsabilityTest,
    ContextualInquiry,
    Survey,
    DiaryStudy,
    Workshop,
    CardSort,
    TreeTest,
    Other,
}
