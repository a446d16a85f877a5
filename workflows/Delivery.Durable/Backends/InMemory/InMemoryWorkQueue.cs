namespace Delivery.Durable.Backends.InMemory;

/// <summary>
/// An at-least-once queue with visibility time-outs measured on the injected <see cref="TimeProvider"/>: advancing a
/// fake clock makes delayed messages (timers) and expired leases visible.
/// </summary>
public sealed class InMemoryWorkQueue(TimeProvider timeProvider) : IWorkQueue
{
    private readonly List<Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Messages in the queue, visible or not.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Task EnqueueAsync(string body, TimeSpan visibleAfter = default, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            _entries.Add(new Entry(Guid.NewGuid().ToString("N"), body, now) { VisibleAt = now + (visibleAfter > TimeSpan.Zero ? visibleAfter : TimeSpan.Zero) });
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueuedMessage>> DequeueAsync(int maxMessages, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var taken = new List<QueuedMessage>();
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (taken.Count >= maxMessages)
                {
                    break;
                }

                if (entry.VisibleAt <= now)
                {
                    entry.DequeueCount++;
                    entry.VisibleAt = now + lease;
                    entry.Receipt = Guid.NewGuid();
                    taken.Add(new QueuedMessage(entry.Id, entry.Body, entry.DequeueCount, entry.InsertedAt, entry.Receipt));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<QueuedMessage>>(taken);
    }

    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            // Only the holder of the latest receipt may delete, as with Storage queue pop receipts.
            _entries.RemoveAll(e => e.Id == message.Id && Equals(e.Receipt, message.Receipt));
        }

        return Task.CompletedTask;
    }

    public Task AbandonAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var entry = _entries.Find(e => e.Id == message.Id && Equals(e.Receipt, message.Receipt));
            entry?.VisibleAt = now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    /// <summary>Bodies of all messages, for tests that inspect what the engine sent.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return _entries.Select(e => e.Body).ToList();
        }
    }

    private sealed class Entry(string id, string body, DateTimeOffset insertedAt)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public DateTimeOffset InsertedAt { get; } = insertedAt;

        public DateTimeOffset VisibleAt { get; set; }

        public int DequeueCount { get; set; }

        public object? Receipt { get; set; }
    }
}
