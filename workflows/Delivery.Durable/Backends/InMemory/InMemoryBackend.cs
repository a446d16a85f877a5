namespace Delivery.Durable.Backends.InMemory;

/// <summary>
/// A task hub in process memory, for fast orchestration tests. Its queue honours the injected
/// <see cref="TimeProvider"/> for visibility, so a fake clock fires durable timers without real waiting.
/// </summary>
public sealed class InMemoryBackend(TimeProvider? timeProvider = null) : ITaskHubBackend
{
    public InMemoryInstanceStore Instances { get; } = new();

    public InMemoryWorkQueue WorkQueue { get; } = new(timeProvider ?? TimeProvider.System);

    public InMemoryPoisonStore Poison { get; } = new();

    IInstanceStore ITaskHubBackend.Instances => Instances;

    IWorkQueue ITaskHubBackend.WorkQueue => WorkQueue;

    IPoisonStore ITaskHubBackend.Poison => Poison;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
