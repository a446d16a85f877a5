using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Conformance;

/// <summary>Wraps a backend so a test can interfere with commits (a competing writer, a failing store).</summary>
internal sealed class FaultyBackend(ITaskHubBackend inner) : ITaskHubBackend, IInstanceStore
{
    /// <summary>Runs before each commit with the record about to be committed.</summary>
    public Func<InstanceRecord, IInstanceStore, Task>? BeforeCommit { get; set; }

    /// <summary>Runs after each successful commit (e.g. to throw as if the reply was lost).</summary>
    public Func<InstanceRecord, Task>? AfterCommit { get; set; }

    public IInstanceStore Instances => this;

    public IWorkQueue WorkQueue => inner.WorkQueue;

    public IPoisonStore Poison => inner.Poison;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => inner.EnsureCreatedAsync(cancellationToken);

    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default) => inner.Instances.GetAsync(instanceId, cancellationToken);

    public Task<bool> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken = default) => inner.Instances.TryCreateAsync(record, cancellationToken);

    public async Task<string?> TryCommitAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        if (BeforeCommit is { } hook)
        {
            await hook(record, inner.Instances);
        }

        var etag = await inner.Instances.TryCommitAsync(record, cancellationToken);
        if (etag is not null && AfterCommit is { } after)
        {
            await after(record);
        }

        return etag;
    }

    public Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken = default) => inner.Instances.QueryAsync(filter, cancellationToken);

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) => inner.Instances.DeleteAsync(instanceId, cancellationToken);
}
