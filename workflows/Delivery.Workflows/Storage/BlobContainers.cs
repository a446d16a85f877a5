namespace Delivery.Workflows.Storage;

/// <summary>Blob containers for business documents; created at start-up and declared in infra/.</summary>
public static class BlobContainers
{
    /// <summary>Files attached to a project request, under <c>{projectId}/{attachmentId}</c>.</summary>
    public const string Attachments = "attachments";

    /// <summary>Business case documents and reports.</summary>
    public const string Documents = "documents";

    public static IReadOnlyList<string> All { get; } = [Attachments, Documents];
}
