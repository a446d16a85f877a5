using System.Text.Json.Serialization;

namespace Delivery.Workflows.Views;

/// <summary>What kind of thing waits for the person.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PersonTaskKind>))]
public enum PersonTaskKind
{
    /// <summary>An approval step for them to decide, as approver or delegate.</summary>
    Decide,

    /// <summary>A business case to write and submit.</summary>
    WriteBusinessCase,

    /// <summary>A business case the approvers asked them to change and resubmit.</summary>
    ReviseBusinessCase,

    /// <summary>An exception report the project manager is asked to write, or to send again with more information.</summary>
    WriteExceptionReport,

    /// <summary>An end stage report the stage gate sent back to the project manager (more information, or refused).</summary>
    ReviseEndStageReport,

    /// <summary>The project's next highlight report, for its manager, with its due date.</summary>
    WriteHighlightReport,

    /// <summary>A benefits review after closure, for the benefit's owner to record the actual measure.</summary>
    RecordBenefitReview,
}

/// <summary>One thing waiting for one person, in their own partition of the views container.</summary>
public sealed record PersonTask
{
    public const string DocumentType = "task";

    /// <summary>Unique within the person's partition: the step's id, or the project's id and the kind.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ViewId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required PersonTaskKind Kind { get; init; }

    public required string ProjectId { get; init; }

    public required string ProjectTitle { get; init; }

    /// <summary>What is asked, in a few words ("Business Justification Case, version 2").</summary>
    public required string Subject { get; init; }

    /// <summary>The page where it is done.</summary>
    public required string Href { get; init; }

    public required DateTimeOffset Since { get; init; }

    public DateTimeOffset? DueAt { get; init; }
}
