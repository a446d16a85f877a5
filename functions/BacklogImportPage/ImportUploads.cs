using Azure;
using Azure.Storage.Blobs;
using Delivery.Functions.BacklogImport;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.BacklogImportPage;

/// <summary>
/// A file uploaded on the import page, kept in Blob Storage at <c>backlog-import/{projectId}/{sha256}.csv</c> between
/// the page's steps (check, change the columns, import), so the person does not upload it again for each step. It
/// is named by its hash, so the page carries only that, and removed once imported. A file never imported (the
/// person gave up) is deleted by the Storage account's lifecycle rule for <see cref="Prefix"/> a day after it was
/// kept (infra/modules/storage.bicep), which is why every kept file lives under that one prefix.
/// </summary>
public sealed class ImportUploads(BlobServiceClient blobs)
{
    /// <summary>Where kept files live in the documents container: the lifecycle rule matches this prefix.</summary>
    public const string Prefix = "backlog-import/";

    public static bool IsUploadId(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);

    public static string BlobFor(string projectId, string uploadId) => $"{Prefix}{projectId}/{uploadId}.csv";

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
