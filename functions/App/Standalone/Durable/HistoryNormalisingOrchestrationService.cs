using DurableTask.Core;
using DurableTask.Core.History;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>
/// The Azure Storage provider as the sidecar's dispatchers see it, with one repair: history events the sidecar
/// made as its own subclasses are stored as the DurableTask.Core types they stand for.
/// </summary>
/// <remarks>
/// The sidecar records a started sub-orchestration as a <c>GrpcSubOrchestrationInstanceCreatedEvent</c>, a subclass
/// that the provider's table writer does not recognise: it writes the row without its <c>EventType</c>, and every
/// later read of that instance's history fails, so a parent never hears that its sub-orchestration finished (seen
/// here: "The TableEntity did not contain a 'EventType' property"). Under the Functions host the Durable extension
/// writes the plain event, so storing the plain type here gives the same history in both modes. Everything else is
/// passed straight to the provider, except that it is started once and stopped once, and only if started: the
/// sidecar stops it from a fire-and-forget handler when its host stops, the engine stops it too, and the provider
/// throws a NullReferenceException when stopped before it started, which from that handler ended the process.
/// </remarks>
internal sealed class HistoryNormalisingOrchestrationService(IOrchestrationService inner, ILogger logger) : IOrchestrationService
{
    private readonly Lock _gate = new();
    private Task? _start;
    private Task? _stop;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        Normalise(newOrchestrationRuntimeState ?? workItem.OrchestrationRuntimeState);
        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    /// <summary>Replaces subclassed events by their base type, in place, in both the whole history and the new events.</summary>
    internal static void Normalise(OrchestrationRuntimeState? state)
    {
        if (state is null)
        {
            return;
        }

        foreach (var events in new[] { state.NewEvents, state.Events })
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
                {
                    events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                    {
                        Name = created.Name,
                        Version = created.Version,
                        InstanceId = created.InstanceId,
                        Input = created.Input,
                        ClientSpanId = created.ClientSpanId,
                        Tags = created.Tags,
                        IsPlayed = created.IsPlayed,
                        Timestamp = created.Timestamp,
                    };
                }
            }
        }
    }

    public Task StartAsync()
    {
        lock (_gate)
        {
            return _start ??= inner.StartAsync();
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>The one stop, shared by every caller; it never throws, since one caller cannot observe it.</summary>
    public Task StopAsync(bool isForced)
    {
        lock (_gate)
        {
            return _stop ??= StopOnceAsync(_start, isForced);
        }
    }

    private async Task StopOnceAsync(Task? start, bool isForced)
    {
        if (start is null)
        {
            return;
        }

        try
        {
            await start.ConfigureAwait(false);
            await inner.StopAsync(isForced).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Its partition leases then expire on their own, so a later engine on the hub still takes them.
            logger.LogWarning(ex, "The durable engine's storage service did not stop cleanly");
        }
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
