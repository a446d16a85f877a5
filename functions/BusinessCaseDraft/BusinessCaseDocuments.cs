using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.BusinessCaseDraft;

/// <summary>
/// Business case content in Blob Storage (<c>documents</c>): the draft at <c>{projectId}/business-case/draft.json</c>
/// and each submitted version at <c>…/v{n}.json</c>, written once and never overwritten.
/// </summary>
public sealed class BusinessCaseDocuments(BlobServiceClient blobs)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(BlobContainers.Documents);

    public static string DraftBlob(string projectId) => $"{projectId}/business-case/draft.json";

    public static string VersionBlob(string projectId, int version) => $"{projectId}/business-case/v{version}.json";

    public async Task SaveDraftAsync(string projectId, BusinessCaseContent content, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(DraftBlob(projectId)).UploadAsync(Serialize(content), overwrite: true, cancellationToken);

    /// <summary>Stores a submitted version; a retry that finds it already there leaves the first copy alone.</summary>
    public async Task SaveVersionAsync(string projectId, int version, BusinessCaseContent content, CancellationToken cancellationToken)
    {
        try
        {
            await _container.GetBlobClient(VersionBlob(projectId, version)).UploadAsync(
                Serialize(content), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Written by an earlier attempt: versions are immutable.
        }
    }

    /// <summary>
    /// The stored case, or null when there is none. <c>Unreadable</c> is true for a document that no longer reads as a
    /// business case (written before today's shape or limits): callers say so instead of failing every read.
    /// </summary>
    public async Task<(BusinessCaseContent? Content, bool Unreadable)> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return (download.Value.Content.ToObjectFromJson<BusinessCaseContent>(JsonSerializerOptions.Web), false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }

    private static BinaryData Serialize(BusinessCaseContent content) => BinaryData.FromObjectAsJson(content, JsonSerializerOptions.Web);
}
