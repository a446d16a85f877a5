using Delivery.Workflows.Storage;
using System.Text.Json.Serialization;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.BusinessCase;

/// <summary>
/// Where a project's business case stands (one per project, in its partition). The content itself is in Blob
/// Storage: the draft, and one immutable blob per submitted version, so every round of approval keeps what it saw.
/// </summary>
public sealed record BusinessCaseDocument : IProjectDocument<BusinessCaseDocument>
{
    public const string DocumentType = "business-case";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentType;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The cases this project needs, in order.</summary>
    public required IReadOnlyList<BusinessCaseKind> Kinds { get; init; }

    public IReadOnlyList<BusinessCaseKind> ApprovedKinds { get; init; } = [];

    public BusinessCaseStatus Status { get; init; } = BusinessCaseStatus.NotStarted;

    public string? DraftBlob { get; init; }

    public DateTimeOffset? DraftUpdatedAt { get; init; }

    public IReadOnlyList<SubmittedVersion> Versions { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public BusinessCaseDocument WithETag(string? etag) => this with { ETag = etag };

    /// <summary>The case being worked on now, or null once all are approved.</summary>
    public BusinessCaseKind? CurrentKind => Kinds.Cast<BusinessCaseKind?>().FirstOrDefault(k => !ApprovedKinds.Contains(k!.Value));
}

/// <summary>Where the business case is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BusinessCaseStatus>))]
public enum BusinessCaseStatus
{
    NotStarted,
    Draft,
    Submitted,
    ChangesRequested,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>One submitted version: what was submitted, by whom, and the figures the workflow needs from it.</summary>
public sealed record SubmittedVersion(int Version, BusinessCaseKind Kind, string Blob, DateTimeOffset SubmittedAt, string SubmittedBy, decimal TotalCost, IReadOnlyList<Milestone> Milestones);
