using System.Collections.Concurrent;
using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>How an injected fault shows itself to the caller.</summary>
public enum FaultMode
{
    /// <summary>The call fails and does nothing.</summary>
    FailBefore,

    /// <summary>The call is carried out, then the caller sees a timeout ("the write succeeded but I don't know it").</summary>
    FailAfter,
}

/// <summary>The <see cref="CallNumber"/>th call of <see cref="Operation"/> fails as <see cref="Mode"/> says.</summary>
public sealed record FaultPoint(string Operation, int CallNumber, FaultMode Mode)
{
    public override string ToString() => $"{Operation}#{CallNumber}:{Mode}";
}

/// <summary>Thrown by <see cref="FaultyBackend"/> in place of a real transient failure.</summary>
public sealed class InjectedFaultException(string message) : TimeoutException(message);

/// <summary>
/// A decorator over <see cref="ITaskHubBackend"/> that counts every store and queue call and fails one of them once,
/// as a process dying or a network timeout would.
/// </summary>
public sealed class FaultyBackend : ITaskHubBackend, IInstanceStore, IWorkQueue, IPoisonStore
{
    public const string Get = "Instances.Get";
    public const string Create = "Instances.TryCreate";
    public const string Commit = "Instances.TryCommit";
    public const string Query = "Instances.Query";
    public const string Delete = "Instances.Delete";
    public const string Enqueue = "Queue.Enqueue";
    public const string Dequeue = "Queue.Dequeue";
    public const string Settle = "Queue.Delete";
    public const string Abandon = "Queue.Abandon";
    public const string PoisonAdd = "Poison.Add";

    private readonly ITaskHubBackend _inner;
    private readonly FaultPoint? _fault;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _fired;

    public FaultyBackend(ITaskHubBackend inner, FaultPoint? fault)
    {
        _inner = inner;
        _fault = fault;
    }

    public bool Fired => Volatile.Read(ref _fired) == 1;

    public IReadOnlyDictionary<string, int> Calls => _calls;

    public IInstanceStore Instances => this;

    public IWorkQueue WorkQueue => this;

    public IPoisonStore Poison => this;

    public TimeSpan MaxVisibilityDelay => _inner.WorkQueue.MaxVisibilityDelay;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => _inner.EnsureCreatedAsync(cancellationToken);

    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default) =>
        InvokeAsync(Get, () => _inner.Instances.GetAsync(instanceId, cancellationToken));

    public Task<bool> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken = default) =>
        InvokeAsync(Create, () => _inner.Instances.TryCreateAsync(record, cancellationToken));

    public Task<string?> TryCommitAsync(InstanceRecord record, CancellationToken cancellationToken = default) =>
        InvokeAsync(Commit, () => _inner.Instances.TryCommitAsync(record, cancellationToken));

    public Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken = default) =>
        InvokeAsync(Query, () => _inner.Instances.QueryAsync(filter, cancellationToken));

    Task<bool> IInstanceStore.DeleteAsync(string instanceId, CancellationToken cancellationToken) =>
        InvokeAsync(Delete, () => _inner.Instances.DeleteAsync(instanceId, cancellationToken));

    public Task EnqueueAsync(string body, TimeSpan visibleAfter = default, CancellationToken cancellationToken = default) =>
        InvokeAsync(Enqueue, () => _inner.WorkQueue.EnqueueAsync(body, visibleAfter, cancellationToken));

    public Task<IReadOnlyList<QueuedMessage>> DequeueAsync(int maxMessages, TimeSpan lease, CancellationToken cancellationToken = default) =>
        InvokeAsync(Dequeue, () => _inner.WorkQueue.DequeueAsync(maxMessages, lease, cancellationToken));

    Task IWorkQueue.DeleteAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        InvokeAsync(Settle, () => _inner.WorkQueue.DeleteAsync(message, cancellationToken));

    public Task AbandonAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default) =>
        InvokeAsync(Abandon, () => _inner.WorkQueue.AbandonAsync(message, delay, cancellationToken));

    public Task AddAsync(PoisonMessage message, CancellationToken cancellationToken = default) =>
        InvokeAsync(PoisonAdd, () => _inner.Poison.AddAsync(message, cancellationToken));

    public Task<IReadOnlyList<PoisonMessage>> ListAsync(CancellationToken cancellationToken = default) =>
        _inner.Poison.ListAsync(cancellationToken);

    private async Task InvokeAsync(string operation, Func<Task> call) =>
        await InvokeAsync(operation, async () =>
        {
            await call();
            return true;
        });

    private async Task<T> InvokeAsync<T>(string operation, Func<Task<T>> call)
    {
        var number = _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (_fault is null || _fault.Operation != operation || _fault.CallNumber != number || Interlocked.Exchange(ref _fired, 1) == 1)
        {
            return await call();
        }

        if (_fault.Mode == FaultMode.FailAfter)
        {
            await call();
        }

        throw new InjectedFaultException($"Injected fault at {_fault}.");
    }
}
