using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.SubmitProject;

/// <summary>Puts request attachments in Blob Storage under deterministic names, so a retried upload overwrites itself.</summary>
/// <remarks>File names can be personal; they are kept in the project document, never in blob names or metadata.</remarks>
public sealed class AttachmentStore(BlobServiceClient blobs)
{
    public async Task<List<AttachmentReference>> StoreAsync(string projectId, IReadOnlyList<AttachmentInput> inputs, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(BlobContainers.Attachments);
        var stored = new List<AttachmentReference>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var name = $"{projectId}/{i}-{input.Sha256[..16]}";
            await container.GetBlobClient(name).UploadAsync(
                new BinaryData(input.Content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = input.ContentType } },
                cancellationToken);
            stored.Add(new AttachmentReference(input.FileName, input.ContentType, input.Content.LongLength, name, input.Sha256));
        }

        return stored;
    }
}
