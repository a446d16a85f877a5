using System.Collections.Concurrent;
using Delivery.Durable.Backends;

namespace Delivery.Durable.Benchmarks;

/// <summary>
/// A counting decorator over the backend: calls per operation, dequeues that found nothing, and a signal when a
/// top-level instance commits as completed (so waiting costs no requests).
/// </summary>
internal sealed class CountingBackend(ITaskHubBackend inner) : ITaskHubBackend, IInstanceStore, IWorkQueue
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _completions = new(StringComparer.Ordinal);

    public IInstanceStore Instances => this;

    public IWorkQueue WorkQueue => this;

    public IPoisonStore Poison => inner.Poison;

    public TimeSpan MaxVisibilityDelay => inner.WorkQueue.MaxVisibilityDelay;

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_calls);

    public void Reset() => _calls.Clear();

    public Task Completion(string instanceId) =>
        _completions.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => inner.EnsureCreatedAsync(cancellationToken);

    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Count("instance get");
        return inner.Instances.GetAsync(instanceId, cancellationToken);
    }

    public async Task<bool> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        Count("instance create");
        var created = await inner.Instances.TryCreateAsync(record, cancellationToken);
        Signal(record, created);
        return created;
    }

    public async Task<string?> TryCommitAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        Count("instance commit");
        var etag = await inner.Instances.TryCommitAsync(record, cancellationToken);
        Signal(record, etag is not null);
        return etag;
    }

    public Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken = default)
    {
        Count("instance query");
        return inner.Instances.QueryAsync(filter, cancellationToken);
    }

    Task<bool> IInstanceStore.DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        Count("instance delete");
        return inner.Instances.DeleteAsync(instanceId, cancellationToken);
    }

    public Task EnqueueAsync(string body, TimeSpan visibleAfter = default, CancellationToken cancellationToken = default)
    {
        Count("queue enqueue");
        return inner.WorkQueue.EnqueueAsync(body, visibleAfter, cancellationToken);
    }

    public async Task<IReadOnlyList<QueuedMessage>> DequeueAsync(int maxMessages, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var messages = await inner.WorkQueue.DequeueAsync(maxMessages, lease, cancellationToken);
        Count(messages.Count == 0 ? "queue dequeue (empty)" : "queue dequeue (with work)");
        Add("queue messages received", messages.Count);
        return messages;
    }

    Task IWorkQueue.DeleteAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        Count("queue delete");
        return inner.WorkQueue.DeleteAsync(message, cancellationToken);
    }

    public Task AbandonAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Count("queue abandon");
        return inner.WorkQueue.AbandonAsync(message, delay, cancellationToken);
    }

    private void Signal(InstanceRecord record, bool committed)
    {
        if (committed && record.ParentInstanceId is null && record.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            && _completions.TryGetValue(record.InstanceId, out var completion))
        {
            completion.TrySetResult();
        }
    }

    private void Count(string operation) => Add(operation, 1);

    private void Add(string operation, long n) => _calls.AddOrUpdate(operation, n, (_, c) => c + n);
}
