using System.Text.Json.Serialization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Storage;

namespace Delivery.Workflows.Closure;

/// <summary>
/// The project manager's request to close the project, in its partition (one document, a new version each time it
/// is sent again): the closure checklist, who takes over each open risk and issue, a summary, and the end project
/// report built from the project's own records when it was sent, kept in Blob Storage as a document people can
/// open. The sponsor decides through the approval gate: approved, the project is Closed and the risks and issues
/// pass to their new owners; otherwise the project manager sends a new version.
/// </summary>
public sealed record ClosureRequest : IProjectDocument<ClosureRequest>
{
    public const string DocumentType = "closure";

    public const string DocumentId = "closure";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string Summary { get; init; }

    public required ClosureChecklist Checklist { get; init; }

    /// <summary>Every open risk and issue when it was sent, each with the person who takes it over.</summary>
    public required IReadOnlyList<Handover> Handover { get; init; }

    public required EndProjectReport Report { get; init; }

    /// <summary>The report as an HTML document in the documents container (its Word document beside it: <see cref="WordBlobFor"/>).</summary>
    public required string ReportBlob { get; init; }

    public required int Version { get; init; }

    public required ClosureStatus Status { get; init; }

    public required string SentBy { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public ClosureDecision? Decision { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public ClosureRequest WithETag(string? etag) => this with { ETag = etag };

    /// <summary>The report's blob for a version: each version's report is kept.</summary>
    public static string BlobFor(string projectId, int version) => $"{projectId}/end-project-report-v{version}.html";

    /// <summary>The same version's report as a Word document, kept beside the HTML.</summary>
    public static string WordBlobFor(string projectId, int version) => $"{projectId}/end-project-report-v{version}.docx";

    /// <summary>Whether another sending says the same (a retry), whatever the records read now.</summary>
    public bool SameAs(ClosureRequest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Summary == other.Summary && Checklist == other.Checklist && Handover.SequenceEqual(other.Handover);
    }
}

/// <summary>The closure checklist: each must be confirmed before the sponsor is asked; who takes over the service.</summary>
public sealed record ClosureChecklist(
    bool DeliverablesAccepted,
    bool HandoverConfirmed,
    bool UsersTrained,
    bool SupplierContractsClosed,
    bool LessonsLogged,
    string HandedOverTo);

/// <summary>An open risk or issue passed on at closure, and the person in the directory who now owns it.</summary>
public sealed record Handover(string ItemId, string Kind, string Title, string NewOwnerId);

[JsonConverter(typeof(JsonStringEnumConverter<ClosureStatus>))]
public enum ClosureStatus
{
    AwaitingDecision,
    ChangesRequested,
    Rejected,
    Approved,
}

/// <summary>How the sponsor decided, by whom and when.</summary>
public sealed record ClosureDecision(ApprovalOutcome Outcome, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>Raised on the project's control orchestration when the project manager sends a closure request version.</summary>
public sealed record ClosureRequested(string ProjectId, int Version)
{
    public const string EventName = "ClosureRequested";

    public string GateId => $"closure-v{Version}";
}
