using Azure.Storage.Blobs;
using Delivery.Functions.App.Hosting;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.AttachmentSweep;

/// <summary>
/// Nightly timer: deletes attachments whose project was never stored (the request failed after uploading them).
/// Attachments are uploaded before the project is created, so a failure in between leaves orphans behind.
/// </summary>
/// <remarks>Blobs younger than a day are left alone: their request may still be in flight or about to be retried.</remarks>
public sealed class AttachmentSweepFunction(BlobServiceClient blobs, ProjectRepository projects, TimeProvider clock, ILogger<AttachmentSweepFunction> logger)
    : IFunctionHandler
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromDays(1);

    public string Name => "AttachmentSweep";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var timer = TimerInfo.From(request, "timer");
        var container = blobs.GetBlobContainerClient(BlobContainers.Attachments);
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var projectId = blob.Name.Split('/')[0];
            if (clock.GetUtcNow() - blob.Properties.CreatedOn < MinimumAge)
            {
                continue;
            }

            if (!known.TryGetValue(projectId, out var exists))
            {
                known[projectId] = exists = await projects.GetAsync(projectId, cancellationToken) is not null;
            }

            if (!exists)
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                deleted++;
            }
        }

        logger.LogInformation("Attachment sweep removed {Deleted} orphaned attachments (past due: {PastDue})", deleted, timer.IsPastDue);
        return new InvocationResponse { Logs = [$"removed {deleted} orphaned attachments"], ReturnValue = deleted };
    }
}
