using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Weeknotes;

/// <summary>A service's weeknotes, in its project's partition.</summary>
public sealed class WeeknoteRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<Weeknote> _notes = new(database);

    /// <summary>Creates the note, or returns the one an earlier sending with the same id posted.</summary>
    public Task<Weeknote> CreateOrGetAsync(Weeknote note, CancellationToken cancellationToken) => _notes.CreateOrGetAsync(note, cancellationToken);

    public Task<Weeknote?> GetAsync(string projectId, string weeknoteId, CancellationToken cancellationToken) =>
        _notes.GetAsync(Weeknote.IdFor(weeknoteId), projectId, cancellationToken);

    /// <summary>Every weeknote, latest week first.</summary>
    public async Task<IReadOnlyList<Weeknote>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<Weeknote>(_container, projectId, Weeknote.DocumentType, cancellationToken))
            .OrderByDescending(n => n.WeekOf).ThenByDescending(n => n.PostedAt).ToList();
}
