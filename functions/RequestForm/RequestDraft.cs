using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.RequestForm;

/// <summary>A file uploaded to a draft request, kept in Blob Storage until the request is sent.</summary>
public sealed record DraftFile(string FileName, string ContentType, long Length, string BlobName);

/// <summary>
/// A person's project request as they fill in the form, saved on every page so they can stop and come back. One per
/// person, in a partition of its own (<c>draft~{user id}</c>) in the projects container. Its values are the API's
/// field paths, so sending it goes through the same intake as a JSON request.
/// </summary>
public sealed record RequestDraft : IProjectDocument<RequestDraft>
{
    public const string DocumentType = "request-draft";
    public const string DocumentId = "request-draft";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    /// <summary>The partition key: <c>draft~</c> and the person's id, never a project's.</summary>
    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>Names this request: its idempotency key, so sending it twice makes one project.</summary>
    public required string DraftId { get; init; }

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<DraftFile> Files { get; init; } = [];

    /// <summary>Set once sent: the project it became.</summary>
    public string? SubmittedProjectId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public RequestDraft WithETag(string? etag) => this with { ETag = etag };

    public string IdempotencyKey => "form-" + DraftId;

    public static string PartitionOf(string userId) => "draft~" + userId.ToLowerInvariant();

    public string? this[string path] => Values.TryGetValue(path, out var value) ? value : null;

    /// <summary>The draft with these fields set (an empty value removes the field, as an unanswered question).</summary>
    public RequestDraft With(IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset now)
    {
        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        foreach (var (path, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                values.Remove(path);
            }
            else
            {
                values[path] = value;
            }
        }

        return this with { Values = values, UpdatedAt = now };
    }

    /// <summary>The entries a list has, by index; one left blank on its page is not there.</summary>
    public IReadOnlyList<int> IndexesOf(string list) => SubmitProject.RequestFields.FromValues(Values).IndexesOf(list);

    /// <summary>How many entries a list has: one more than its highest index.</summary>
    public int CountOf(string list) => IndexesOf(list).DefaultIfEmpty(-1).Max() + 1;
}
