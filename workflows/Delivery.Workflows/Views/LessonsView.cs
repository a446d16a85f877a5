using System.Net;
using Delivery.Workflows.Lessons;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Views;

/// <summary>What a search of the lessons log found: the newest matching lessons first, and whether more matched than were returned.</summary>
public sealed record LessonSearchResults(IReadOnlyList<LessonRow> Rows, bool More);

/// <summary>
/// The lessons log across projects, in the <c>lessons</c> partition of the views container: a row per lesson,
/// written with the lesson and restored by the view rebuild, so searching every project's lessons reads this one
/// partition a page at a time.
/// </summary>
public sealed class LessonsView(Database database)
{
    private const int PageSize = 500;
    private static readonly PartitionKey Partition = new(ViewIds.Lessons);
    private readonly Container _views = database.GetContainer(DataContainers.Views);

    /// <summary>Writes the lesson's row unless a later version is already there (a rebuild racing a new version).</summary>
    public async Task WriteAsync(LessonRecord lesson, string projectTitle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var row = LessonRow.From(lesson, projectTitle);
        LessonRow? stored = null;
        try
        {
            stored = (await _views.ReadItemAsync<LessonRow>(row.Id, Partition, cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // First version of the lesson.
        }

        if (stored is null || stored.Version <= row.Version && stored != row)
        {
            await _views.UpsertItemAsync(row, Partition, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// The newest <paramref name="max"/> lessons of the category (any when null) whose text holds every word of
    /// <paramref name="search"/>; the partition is read a page at a time and the words matched as it goes.
    /// </summary>
    public async Task<LessonSearchResults> SearchAsync(LessonCategory? category, string? search, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var words = (search ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The partition key is named in the query too: the local Cosmos server refuses a query without it.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.viewId = @viewId AND c.type = @type"
                + (category is null ? string.Empty : " AND c.category = @category") + " ORDER BY c.recordedAt DESC")
            .WithParameter("@viewId", ViewIds.Lessons)
            .WithParameter("@type", LessonRow.DocumentType);
        if (category is { } chosen)
        {
            query = query.WithParameter("@category", chosen.ToString());
        }

        var found = new List<LessonRow>();
        var options = new QueryRequestOptions { PartitionKey = Partition, MaxItemCount = PageSize };
        string? continuation = null;
        do
        {
            var page = await PartitionQuery.WithLookupRetryAsync(
                async () =>
                {
                    using var iterator = _views.GetItemQueryIterator<LessonRow>(query, continuation, options);
                    return await iterator.ReadNextAsync(cancellationToken);
                },
                cancellationToken);
            continuation = page.ContinuationToken;
            found.AddRange(page.Where(r => r.Matches(words)));
        }
        while (continuation is not null && found.Count <= max);

        return new LessonSearchResults(found.Take(max).ToList(), found.Count > max);
    }
}
