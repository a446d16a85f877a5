using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// An exception: a tolerance breach the project manager must report on, in the project's partition, one per breach
/// episode (its id names the kind and episode, so the monitor raising it again finds it here). It keeps the worst
/// band the episode reached.
/// </summary>
public sealed record ProjectException : IProjectDocument<ProjectException>
{
    public const string DocumentType = "exception";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required ToleranceKind Kind { get; init; }

    public required int Episode { get; init; }

    public required int Band { get; init; }

    /// <summary>The reading that raised it (or last worsened it), in words and figures.</summary>
    public required string Measure { get; init; }

    public required DateOnly RaisedOn { get; init; }

    public required ExceptionStatus Status { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ProjectException WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(ToleranceKind kind, int episode) => $"exception~{kind}-{episode}";
}

[JsonConverter(typeof(JsonStringEnumConverter<ExceptionStatus>))]
public enum ExceptionStatus
{
    /// <summary>The project manager has been asked for an exception report.</summary>
    AwaitingReport,
}
