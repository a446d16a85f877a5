namespace Delivery.Durable.Backends.InMemory;

/// <summary>Poison messages in a list.</summary>
public sealed class InMemoryPoisonStore : IPoisonStore
{
    private readonly List<PoisonMessage> _messages = [];
    private readonly Lock _gate = new();

    public Task AddAsync(PoisonMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PoisonMessage>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PoisonMessage>>(_messages.ToList());
        }
    }
}
