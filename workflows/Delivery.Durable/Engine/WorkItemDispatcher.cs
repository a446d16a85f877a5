using System.Collections.Concurrent;
using System.Text.Json;
using Delivery.Durable.Backends;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Engine;

/// <summary>
/// Turns dequeued messages into units of work: one per activity, one per instance (all of that instance's messages
/// in the batch, run under the instance's lock), one per early timer (re-enqueued) and one per poison message.
/// A unit that throws is retried after a delay, and moved to the poison store once it has failed
/// <see cref="DurableTaskWorkerOptions.MaxDequeueCount"/> times.
/// </summary>
internal sealed partial class WorkItemDispatcher(
    ITaskHubBackend backend,
    OrchestrationTurnProcessor turns,
    ActivityRunner activities,
    TimeProvider time,
    DurableTaskWorkerOptions options,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Delivery.Durable.Dispatch");
    private readonly KeyedLock _instanceLocks = new();
    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);

    public IReadOnlyList<Func<CancellationToken, Task>> Plan(IReadOnlyList<QueuedMessage> batch, IMessageSettler settler)
    {
        var units = new List<Func<CancellationToken, Task>>();
        var groups = new Dictionary<string, List<Inbound>>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var queued in batch)
        {
            if (queued.DequeueCount > options.MaxDequeueCount)
            {
                var error = _lastErrors.GetValueOrDefault(queued.Id) ?? $"Dequeued {queued.DequeueCount} times without completing (lease expired).";
                units.Add(ct => PoisonAsync(queued, error, settler, ct));
                continue;
            }

            TaskMessage message;
            try
            {
                message = TaskMessage.Parse(queued.Body);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                units.Add(ct => FailedAsync([queued], ex, settler, ct));
                continue;
            }

            if (message.NotBefore is { } notBefore && notBefore > now)
            {
                units.Add(ct => GuardAsync([queued], settler, c => DeferAsync(queued, message, settler, c), ct));
            }
            else if (message.IsActivityWorkItem)
            {
                units.Add(ct => GuardAsync([queued], settler, c => activities.RunAsync(new Inbound(queued, message), settler, c), ct));
            }
            else
            {
                if (!groups.TryGetValue(message.InstanceId, out var group))
                {
                    group = [];
                    groups[message.InstanceId] = group;
                }

                group.Add(new Inbound(queued, message));
            }
        }

        foreach (var (instanceId, group) in groups)
        {
            units.Add(ct => GuardAsync(group.Select(i => i.Queued).ToList(), settler, async c =>
            {
                using (await _instanceLocks.AcquireAsync(instanceId, c))
                {
                    await turns.ProcessAsync(instanceId, group, settler, c);
                }
            }, ct));
        }

        return units;
    }

    private async Task DeferAsync(QueuedMessage queued, TaskMessage message, IMessageSettler settler, CancellationToken cancellationToken)
    {
        // A fresh copy rather than an abandon: a 30-day timer must not count as a failing message.
        await backend.WorkQueue.EnqueueAsync(queued.Body, turns.DelayOf(message, time.GetUtcNow()), cancellationToken);
        await settler.CompleteAsync(queued, cancellationToken);
    }

    private async Task GuardAsync(List<QueuedMessage> messages, IMessageSettler settler, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(cancellationToken);
            foreach (var queued in messages)
            {
                _lastErrors.TryRemove(queued.Id, out _);
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            try
            {
                await FailedAsync(messages, ex, settler, cancellationToken);
            }
            catch (Exception settleError) when (!settler.RethrowFailures && settleError is not OperationCanceledException)
            {
                // The poison store or the queue failed too: hand the messages back once more, best effort; if even
                // that fails, the lease expires and the queue redelivers them.
                LogWorkItemFailed(_logger, settleError, messages.Count);
                foreach (var queued in messages)
                {
                    await settler.RetryLaterAsync(queued, null, options.ErrorRetryDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
    }

    private async Task FailedAsync(List<QueuedMessage> messages, Exception exception, IMessageSettler settler, CancellationToken cancellationToken)
    {
        LogWorkItemFailed(_logger, exception, messages.Count);
        var error = $"{exception.GetType().FullName}: {exception.Message}";
        var rethrow = false;
        if (!settler.RethrowFailures && options.ErrorRetryDelay > TimeSpan.Zero && messages.Exists(q => q.DequeueCount < options.MaxDequeueCount))
        {
            // Real time on purpose (see OrchestrationTurnProcessor.SettleAsync): back off, then hand back at once.
            await Task.Delay(options.ErrorRetryDelay, cancellationToken);
        }

        foreach (var queued in messages)
        {
            if (queued.DequeueCount >= options.MaxDequeueCount)
            {
                await PoisonAsync(queued, error, settler, cancellationToken);
            }
            else if (settler.RethrowFailures)
            {
                rethrow = true;
            }
            else
            {
                if (_lastErrors.Count > 10_000)
                {
                    _lastErrors.Clear();
                }

                _lastErrors[queued.Id] = error;
                await settler.RetryLaterAsync(queued, null, TimeSpan.Zero, cancellationToken);
            }
        }

        if (rethrow)
        {
            throw new InvalidOperationException($"Work item failed: {error}", exception);
        }
    }

    private async Task PoisonAsync(QueuedMessage queued, string error, IMessageSettler settler, CancellationToken cancellationToken)
    {
        LogPoisoned(_logger, queued.Id, queued.DequeueCount, error);
        await backend.Poison.AddAsync(new PoisonMessage(queued.Id, queued.Body, queued.DequeueCount, error, time.GetUtcNow()), cancellationToken);
        await settler.CompleteAsync(queued, cancellationToken);
        _lastErrors.TryRemove(queued.Id, out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A work item of {Count} message(s) failed; it will be retried")]
    private static partial void LogWorkItemFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to the poison store after {DequeueCount} dequeues: {Error}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, int dequeueCount, string error);
}
