using System.Text.Json.Serialization;

namespace Delivery.Workflows.Notifications;

/// <summary>
/// The record that an email with a given key was, or is being, sent. It lives in the project's partition and is
/// written before the email goes, so a retried step finds it and sends nothing.
/// </summary>
public sealed record EmailRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = "email";

    /// <summary>The idempotency key: subject (instance or project), step and recipient.</summary>
    public required string Key { get; init; }

    public required string Category { get; init; }

    public required EmailState State { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

/// <summary>Where an email is in its one-way journey.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmailState>))]
public enum EmailState
{
    Sending,
    Sent,
}
