using Delivery.Workflows.Storage;
using System.Text.Json.Serialization;

namespace Delivery.Workflows.Projects;

/// <summary>
/// The project as stored in Cosmos DB: one document in the project's own partition (<c>/projectId</c>). It carries
/// its stage and what it waits for, so lists and pages never need to ask the workflow runtime.
/// </summary>
public sealed record ProjectDocument : IProjectDocument<ProjectDocument>
{
    public const string DocumentType = "project";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required ProjectRequest Request { get; init; }

    public IReadOnlyList<AttachmentReference> Attachments { get; init; } = [];

    public required ProjectStage Stage { get; init; }

    public required string WaitingFor { get; init; }

    /// <summary>The signed-in user who submitted it (an id, not a name).</summary>
    public required string SubmittedBy { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Hash of the request's content; a replay with the same Idempotency-Key must match it.</summary>
    public required string RequestHash { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>Assigned when the project is approved and moves to initiation.</summary>
    public Person? ProjectManager { get; init; }

    /// <summary>The approved baseline: budget, milestones and tolerances, recorded on approval.</summary>
    public ProjectBaseline? Baseline { get; init; }

    /// <summary>Baselines replaced by approved exception plans or changes, oldest first.</summary>
    public IReadOnlyList<ProjectBaseline> EarlierBaselines { get; init; } = [];

    /// <summary>When the stage or what it waits for last changed.</summary>
    public DateTimeOffset? StageChangedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ProjectDocument WithETag(string? etag) => this with { ETag = etag };
}

/// <summary>A file attached to a project request, stored in Blob Storage.</summary>
public sealed record AttachmentReference(string FileName, string ContentType, long Length, string BlobName, string Sha256);
