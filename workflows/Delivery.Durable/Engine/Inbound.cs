using Delivery.Durable.Backends;

namespace Delivery.Durable.Engine;

/// <summary>A dequeued message and its parsed body.</summary>
internal sealed record Inbound(QueuedMessage Queued, TaskMessage Message);

/// <summary>
/// How a handled message is let go: by the engine on its own queue (delete / abandon), or by a host that owns the
/// queue (the Functions trigger deletes on success, so "later" means enqueueing a delayed copy).
/// </summary>
internal interface IMessageSettler
{
    /// <summary>True when failures must surface to the host (it retries and counts dequeues).</summary>
    bool RethrowFailures { get; }

    Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken);

    Task RetryLaterAsync(QueuedMessage message, TaskMessage? parsed, TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>The engine owns the queue (polling loop).</summary>
/// <remarks>
/// A failure is abandoned (its dequeue count grows towards the poison threshold); a message that is merely early or
/// lost a commit race is put back as a copy, so waiting never counts as failing.
/// </remarks>
internal sealed class QueueSettler(IWorkQueue queue) : IMessageSettler
{
    public bool RethrowFailures => false;

    public Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken) => queue.DeleteAsync(message, cancellationToken);

    public async Task RetryLaterAsync(QueuedMessage message, TaskMessage? parsed, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (parsed is null)
        {
            await queue.AbandonAsync(message, delay, cancellationToken);
            return;
        }

        await queue.EnqueueAsync((parsed with { Attempts = parsed.Attempts + message.DequeueCount }).ToJson(), delay, cancellationToken);
        await queue.DeleteAsync(message, cancellationToken);
    }
}

/// <summary>A host owns the queue (Functions trigger): it deletes on success and retries on an exception.</summary>
internal sealed class HostSettler(IWorkQueue queue) : IMessageSettler
{
    public bool RethrowFailures => true;

    public Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RetryLaterAsync(QueuedMessage message, TaskMessage? parsed, TimeSpan delay, CancellationToken cancellationToken)
    {
        var body = parsed is null ? message.Body : (parsed with { Attempts = parsed.Attempts + message.DequeueCount }).ToJson();
        return queue.EnqueueAsync(body, delay, cancellationToken);
    }
}
