using Azure.Storage.Blobs;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.RequestForm;

/// <summary>
/// Each person's request draft, and the files uploaded to it: in the documents container under <c>drafts/</c>, out of
/// the attachments sweep's way (it removes attachments of projects never stored, and a draft is not stored as one).
/// </summary>
public sealed class RequestDrafts(Database database, BlobServiceClient blobs, TimeProvider clock)
{
    private readonly ProjectPartition<RequestDraft> _drafts = new(database);

    /// <summary>The person's draft; a new one when they have none or theirs was sent.</summary>
    public async Task<RequestDraft> CurrentAsync(string userId, CancellationToken cancellationToken)
    {
        var draft = await _drafts.GetAsync(RequestDraft.DocumentId, RequestDraft.PartitionOf(userId), cancellationToken);
        return draft is { SubmittedProjectId: null } ? draft : New(userId);
    }

    /// <summary>The draft as stored, sent or not: a repeat of the send finds the project it became.</summary>
    public Task<RequestDraft?> StoredAsync(string userId, CancellationToken cancellationToken) =>
        _drafts.GetAsync(RequestDraft.DocumentId, RequestDraft.PartitionOf(userId), cancellationToken);

    /// <summary>Saves the draft whoever saved last: it is one person's, edited a page at a time.</summary>
    public async Task SaveAsync(RequestDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var container = database.GetContainer(DataContainers.Projects);
        await container.UpsertItemAsync(draft.WithETag(null), new PartitionKey(draft.ProjectId), cancellationToken: cancellationToken);
    }

    public async Task<DraftFile> UploadAsync(RequestDraft draft, string fileName, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(content);

        // File names can be personal: they stay in the draft, never in the blob's name.
        var name = $"drafts/{draft.DraftId}/{Guid.NewGuid():N}";
        await Files().GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        return new DraftFile(fileName, contentType, content.LongLength, name);
    }

    public async Task<byte[]> ReadAsync(DraftFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return (await Files().GetBlobClient(file.BlobName).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
    }

    public async Task DeleteAsync(DraftFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await Files().GetBlobClient(file.BlobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private BlobContainerClient Files() => blobs.GetBlobContainerClient(BlobContainers.Documents);

    private RequestDraft New(string userId) =>
        new() { ProjectId = RequestDraft.PartitionOf(userId), DraftId = Guid.NewGuid().ToString("N"), UpdatedAt = clock.GetUtcNow() };
}
