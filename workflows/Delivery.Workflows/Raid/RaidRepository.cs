using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Raid;

/// <summary>The project's RAID log, in its own partition.</summary>
public sealed class RaidRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<RaidItem> _items = new(database);

    public Task<RaidItem?> GetAsync(string projectId, string itemId, CancellationToken cancellationToken) =>
        _items.GetAsync(RaidItem.IdFor(itemId), projectId, cancellationToken);

    /// <summary>Creates the item or records a new version of it; a retry with the same content changes nothing.</summary>
    public Task<(SavedRecord<RaidItem>? Saved, string? Refusal)> SaveAsync(RaidItem item, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        _items.SaveAsync(item, by, at, stored => stored is not null && stored.Kind != item.Kind ? $"{item.ItemId} is a {stored.Kind.ToString().ToLowerInvariant()}; its kind cannot change." : null, cancellationToken);

    /// <summary>Every item, risks first, then by id.</summary>
    public async Task<IReadOnlyList<RaidItem>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<RaidItem>(_container, projectId, RaidItem.DocumentType, cancellationToken))
            .OrderBy(i => i.Kind).ThenBy(i => i.ItemId, StringComparer.Ordinal).ToList();
}
