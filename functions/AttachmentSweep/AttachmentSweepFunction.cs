using Azure.Storage.Blobs;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.AttachmentSweep;

/// <summary>
/// Nightly timer: deletes attachments whose project was never stored (the request failed after uploading them).
/// Attachments are uploaded before the project is created, so a failure in between leaves orphans behind.
/// </summary>
/// <remarks>Blobs younger than a day are left alone: their request may still be in flight or about to be retried.</remarks>
public sealed class AttachmentSweepFunction(BlobServiceClient blobs, ProjectRepository projects, TimeProvider clock, ILogger<AttachmentSweepFunction> logger)
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromDays(1);

    public const string Name = nameof(AttachmentSweep);

    /// <summary>02:30 UTC every night (six fields, seconds first, as the Functions host reads them).</summary>
    public const string Schedule = "0 30 2 * * *";

    /// <summary>Runs the sweep; returns how many attachments it removed.</summary>
    [Function(Name)]
    public async Task<int> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
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
        return deleted;
    }
}
