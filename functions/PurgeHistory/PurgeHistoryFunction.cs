using Delivery.Functions.App.Settings;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.PurgeHistory;

/// <summary>
/// Nightly timer: purges the durable history of orchestrations that finished longer ago than
/// <c>Durable__HistoryRetention</c>. The task hub holds ids and status only; what people need later (the project,
/// its decisions, its audit trail) is in Cosmos DB, so finished history is not kept for ever.
/// </summary>
/// <remarks>
/// The engine's bulk purge filters by creation time, but a lifecycle can run for months: an instance is purged only
/// when it is finished and was last updated before the cutoff, one at a time. Purging an already purged instance is
/// a no-op, so a run cut short is simply finished by the next.
/// </remarks>
public sealed class PurgeHistoryFunction(IOptions<DurableSettings> settings, TimeProvider clock, ILogger<PurgeHistoryFunction> logger)
{
    public const string Name = nameof(PurgeHistory);

    /// <summary>03:15 UTC every night (six fields, seconds first, as the Functions host reads them).</summary>
    public const string Schedule = "0 15 3 * * *";

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Purges finished instances older than the retention; returns how many it purged.</summary>
    [Function(Name)]
    public async Task<int> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(client);
        var cutoff = clock.GetUtcNow() - settings.Value.HistoryRetention;
        var purged = 0;
        var query = new OrchestrationQuery { CreatedTo = cutoff, Statuses = Finished, FetchInputsAndOutputs = false };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.LastUpdatedAt < cutoff)
            {
                purged += (await client.PurgeInstanceAsync(instance.InstanceId, cancellationToken)).PurgedInstanceCount;
            }
        }

        logger.LogInformation("Purged the history of {Count} orchestrations finished before {Cutoff:u}", purged, cutoff);
        return purged;
    }
}
