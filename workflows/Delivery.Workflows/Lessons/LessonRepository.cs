using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Lessons;

/// <summary>The project's lessons, in its own partition.</summary>
public sealed class LessonRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<LessonRecord> _lessons = new(database);

    /// <summary>Creates the lesson or records a new version of it; a retry with the same content changes nothing.</summary>
    public async Task<SavedRecord<LessonRecord>> SaveAsync(LessonRecord lesson, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await _lessons.SaveAsync(lesson, by, at, _ => null, cancellationToken)).Saved!;

    /// <summary>The project's lessons, by id.</summary>
    public async Task<IReadOnlyList<LessonRecord>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<LessonRecord>(_container, projectId, LessonRecord.DocumentType, cancellationToken))
            .OrderBy(l => l.LessonId, StringComparer.Ordinal).ToList();
}
