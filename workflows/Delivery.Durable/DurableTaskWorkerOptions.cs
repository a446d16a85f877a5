namespace Delivery.Durable;

/// <summary>Settings of the durable task worker (dispatch, retries, poison threshold).</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>A work item that failed this many times goes to the poison store (default 5, as Storage queue triggers).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How many work items (activities, or batches of one instance's messages) run at once.</summary>
    public int MaxConcurrentWorkItems { get; set; } = 32;

    /// <summary>At most this many messages are taken from the queue at once.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long the polling loop waits when the queue was empty (it polls again at once when busy).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a dequeued message stays hidden from other workers while it is handled.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a work item that failed waits before it is tried again.</summary>
    public TimeSpan ErrorRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a completion waits when its scheduling turn is not committed yet, and how many times
    /// (<see cref="UnmatchedCompletionRetries"/>) before it is dropped as stale.
    /// </summary>
    public TimeSpan UnmatchedCompletionRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int UnmatchedCompletionRetries { get; set; } = 10;

    /// <summary>False when a host (the Functions queue trigger) feeds <see cref="DurableTaskWorker.ProcessMessageAsync"/>.</summary>
    public bool EnablePolling { get; set; } = true;
}
