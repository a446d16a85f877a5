using Azure;
using Azure.Storage.Blobs;
using Delivery.Functions.BacklogImport;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.BacklogImportPage;

/// <summary>
/// A file uploaded on the import page, kept in Blob Storage at <c>{projectId}/backlog-import/{sha256}.csv</c> between
/// the page's steps (check, change the columns, import), so the person does not upload it again for each step. It
/// is named by its hash, so the page carries only that, and removed once imported.
/// </summary>
public sealed class ImportUploads(BlobServiceClient blobs)
{
    public static bool IsUploadId(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);

    public static string BlobFor(string projectId, string uploadId) => $"{projectId}/backlog-import/{uploadId}.csv";

    public async Task KeepAsync(string projectId, ImportFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var blob = Container().GetBlobClient(BlobFor(projectId, file.Sha256));
        await using var target = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        await file.CopyToAsync(target, cancellationToken);
    }

    /// <summary>The kept file as an <see cref="ImportFile"/>, or null when there is none (imported already, or never kept).</summary>
    public async Task<ImportFile?> OpenAsync(string projectId, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container().GetBlobClient(BlobFor(projectId, uploadId)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            return await ImportFile.SpoolAsync(content, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string projectId, string uploadId, CancellationToken cancellationToken) =>
        await Container().GetBlobClient(BlobFor(projectId, uploadId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private BlobContainerClient Container() => blobs.GetBlobContainerClient(BlobContainers.Documents);
}
