using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Weeknotes;

/// <summary>
/// A weeknote, in its project's partition: the delivery manager's short note of the week (what we did, what we
/// learned, what's next, blockers), posted once under the id they chose and emailed to the stakeholders by
/// <see cref="WeeknoteOrchestrator"/>.
/// </summary>
public sealed record Weeknote : IProjectDocument<Weeknote>
{
    public const string DocumentType = "weeknote";

    [JsonPropertyName("id")]
    public string Id => IdFor(WeeknoteId);

    public required string WeeknoteId { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>The Monday of the week it tells.</summary>
    public required DateOnly WeekOf { get; init; }

    public required string WhatWeDid { get; init; }

    public required string WhatWeLearned { get; init; }

    public required string WhatsNext { get; init; }

    /// <summary>Blockers, or empty when there are none.</summary>
    public required string Blockers { get; init; }

    public required string PostedBy { get; init; }

    public required DateTimeOffset PostedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public Weeknote WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string weeknoteId) => $"weeknote~{weeknoteId}";

    /// <summary>Whether another sending posts the same note (a retry).</summary>
    public bool SameAs(Weeknote other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return WeekOf == other.WeekOf && WhatWeDid == other.WhatWeDid && WhatWeLearned == other.WhatWeLearned && WhatsNext == other.WhatsNext && Blockers == other.Blockers;
    }
}

/// <summary>A weeknote to email: ids only, so the task hub holds no personal data.</summary>
public sealed record WeeknoteSent(string ProjectId, string WeeknoteId)
{
    /// <summary>One sending per weeknote: the instance id is the note's.</summary>
    public string InstanceId => $"weeknote~{ProjectId}~{WeeknoteId}";
}
