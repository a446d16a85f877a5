namespace Delivery.Durable.Backends;

/// <summary>
/// The storage a task hub runs on. The engine (replay, dispatch, de-duplication) is the same for every backend;
/// a backend only stores instances and moves messages, so one conformance suite proves both.
/// </summary>
/// <remarks>
/// Implemented by <c>InMemoryBackend</c> (tests) and <c>CosmosBackend</c> (Cosmos DB instance documents, one
/// Storage queue for work, Blob Storage for payloads over 45 KB). Every member may throw on a transient fault;
/// the engine relies on message redelivery, ETag-guarded commits and deterministic ids, never on a call having
/// succeeded exactly once.
/// </remarks>
public interface ITaskHubBackend
{
    /// <summary>Instance state and history, one record per instance.</summary>
    IInstanceStore Instances { get; }

    /// <summary>The one work queue: orchestration messages and activity work items, told apart by kind.</summary>
    IWorkQueue WorkQueue { get; }

    /// <summary>Work items that failed too often, kept with their last error and visible through the client.</summary>
    IPoisonStore Poison { get; }

    /// <summary>Creates databases, containers, queues and blob containers that are missing.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken = default);
}

/// <summary>Instance records with optimistic concurrency: every commit names the ETag it read.</summary>
public interface IInstanceStore
{
    /// <summary>Reads an instance, or null when there is none.</summary>
    Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Creates the instance; returns false (and changes nothing) when one with that id exists.</summary>
    Task<bool> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the instance if its stored ETag still equals <see cref="InstanceRecord.ETag"/>; returns the new
    /// ETag, or null when another writer committed first (the caller then reloads and retries, or drops its turn).
    /// </summary>
    Task<string?> TryCommitAsync(InstanceRecord record, CancellationToken cancellationToken = default);

    /// <summary>Lists instances matching the filter, a page at a time (no cross-partition query needed).</summary>
    Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Deletes an instance and everything stored for it; false when there was none.</summary>
    Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>An at-least-once queue with visibility time-outs, like Azure Storage queues.</summary>
public interface IWorkQueue
{
    /// <summary>
    /// The longest <c>visibleAfter</c> the queue accepts (Storage queues: 7 days). Longer timers are enqueued for this
    /// long and re-enqueued for the rest when they come back early.
    /// </summary>
    TimeSpan MaxVisibilityDelay => TimeSpan.FromDays(6);

    /// <summary>Adds a message, invisible until <paramref name="visibleAfter"/> has passed.</summary>
    Task EnqueueAsync(string body, TimeSpan visibleAfter = default, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<QueuedMessage>> DequeueAsync(int maxMessages, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Removes a message that has been handled.</summary>
    Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Hands a message back, visible again after <paramref name="delay"/>.</summary>
    Task AbandonAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default);
}

/// <summary>Where work items go after failing too often; nothing here blocks other work.</summary>
public interface IPoisonStore
{
    Task AddAsync(PoisonMessage message, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PoisonMessage>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>A message taken from a <see cref="IWorkQueue"/>; <see cref="Receipt"/> is the backend's handle for delete and abandon.</summary>
public sealed record QueuedMessage(string Id, string Body, int DequeueCount, DateTimeOffset InsertedAt, object Receipt);

/// <summary>A work item that failed <c>MaxDequeueCount</c> times, with the last error.</summary>
public sealed record PoisonMessage(string Id, string Body, int DequeueCount, string Error, DateTimeOffset FailedAt);

/// <summary>One page of a query and the token for the next one (null when there is no more).</summary>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
