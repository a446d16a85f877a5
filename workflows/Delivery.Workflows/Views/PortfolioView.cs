using System.Net;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Views;

/// <summary>One page of the portfolio: its rows, how many rows the filter matches, the counts, and whether there are newer or older pages.</summary>
public sealed record PortfolioResults(IReadOnlyList<PortfolioRow> Rows, int Matching, PortfolioSummary Summary, bool HasNewer, bool HasOlder);

/// <summary>Where a page starts: after a row's sort key (the next page), before one (the previous page), or at the start.</summary>
public sealed record PortfolioCursor(string? After = null, string? Before = null)
{
    public static PortfolioCursor First { get; } = new();
}

/// <summary>
/// The portfolio view, in its own partition of the views container: a row per project, written whenever the
/// project document is, and a summary of counts recounted from the rows when a row's stage, category or band
/// changes. Pages read the summary (a point read) and one page of rows (a query in that one partition).
/// </summary>
public sealed class PortfolioView(Database database, ApprovalPolicy approvals, TimeProvider clock)
{
    private static readonly PartitionKey Partition = new(ViewIds.Portfolio);
    private readonly Container _views = database.GetContainer(DataContainers.Views);

    /// <summary>
    /// Writes the project's row, and recounts when the row moved between counts, or when an earlier refresh moved it
    /// and stopped before its recount (a crash, a timeout): running this again always leaves the view right.
    /// </summary>
    public async Task RefreshAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        var (row, moved) = await WriteAsync(project, cancellationToken);
        var summary = moved ? null : await ReadAsync<PortfolioSummary>(PortfolioSummary.DocumentId, cancellationToken);
        if (moved || summary is null || row.CountChangedAt >= summary.CountedAt)
        {
            await RecountAsync(cancellationToken);
        }
    }

    /// <summary>Writes the project's row only, for a rebuild that recounts once at the end.</summary>
    public async Task WriteRowAsync(ProjectDocument project, CancellationToken cancellationToken) => await WriteAsync(project, cancellationToken);

    private async Task<(PortfolioRow Row, bool Moved)> WriteAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var band = ApprovalRouter.Band(approvals, project.Request.EstimatedCost.Total).Name;
        while (true)
        {
            // The figures are the controls view's to write: kept as stored, under the row's ETag, so a figures
            // update landing meanwhile is never overwritten with older ones.
            var stored = await GetRowAsync(project.ProjectId, cancellationToken);
            var row = PortfolioRow.From(project, band) with { Figures = stored?.Figures, ETag = stored?.ETag };
            var moved = stored is null || stored.Stage != row.Stage || stored.Category != row.Category || stored.CostBand != row.CostBand;
            row = row with { CountChangedAt = moved ? clock.GetUtcNow() : stored!.CountChangedAt };
            if (row == stored || await TryWriteAsync(row, stored, cancellationToken))
            {
                return (row, moved);
            }
        }
    }

    /// <summary>The project's row with its ETag, or null before the project has one.</summary>
    public Task<PortfolioRow?> GetRowAsync(string projectId, CancellationToken cancellationToken) => ReadAsync<PortfolioRow>(projectId, cancellationToken);

    /// <summary>
    /// Writes the project's delivery figures on the row read as <paramref name="stored"/>, unless the row changed
    /// since (then false: read it and the records again). A change of delivery confidence moves the row between the
    /// summary's counts, so it recounts.
    /// </summary>
    public async Task<bool> TryWriteFiguresAsync(PortfolioRow stored, PortfolioFigures figures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Figures == figures)
        {
            return true;
        }

        var moved = stored.Figures?.DeliveryConfidence != figures.DeliveryConfidence;
        var row = stored with { Figures = figures, CountChangedAt = moved ? clock.GetUtcNow() : stored.CountChangedAt };
        if (!await TryWriteAsync(row, stored, cancellationToken))
        {
            return false;
        }

        if (moved)
        {
            await RecountAsync(cancellationToken);
        }

        return true;
    }

    private async Task<bool> TryWriteAsync(PortfolioRow row, PortfolioRow? stored, CancellationToken cancellationToken)
    {
        try
        {
            _ = stored is null
                ? await _views.CreateItemAsync(row with { ETag = null }, Partition, cancellationToken: cancellationToken)
                : await _views.ReplaceItemAsync(row with { ETag = null }, row.Id, Partition, new ItemRequestOptions { IfMatchEtag = stored.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>
    /// Counts the rows and replaces the summary if no other recount wrote it meanwhile; one that did may have
    /// counted before this change, so on a clash it counts again.
    /// </summary>
    public async Task<PortfolioSummary> RecountAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await ReadAsync<PortfolioSummary>(PortfolioSummary.DocumentId, cancellationToken);
            var countedAt = clock.GetUtcNow();
            var keys = await QueryAsync<CountKey>(
                new QueryDefinition("SELECT c.stage, c.category, c.costBand, c.figures.deliveryConfidence AS confidence FROM c WHERE c.viewId = @viewId AND c.type = @type")
                    .WithParameter("@viewId", ViewIds.Portfolio)
                    .WithParameter("@type", PortfolioRow.DocumentType),
                cancellationToken);
            var counts = keys.GroupBy(k => (k.Stage, k.Category, k.CostBand, k.Confidence))
                .Select(g => new PortfolioCount(g.Key.Stage, g.Key.Category, g.Key.CostBand, g.Count(), g.Key.Confidence))
                .OrderBy(c => c.Stage).ThenBy(c => c.Category).ThenBy(c => c.CostBand, StringComparer.Ordinal).ThenBy(c => c.Confidence, StringComparer.Ordinal)
                .ToList();
            var summary = new PortfolioSummary { Counts = counts, CountedAt = countedAt };
            try
            {
                var written = current is null
                    ? await _views.CreateItemAsync(summary, Partition, cancellationToken: cancellationToken)
                    : await _views.ReplaceItemAsync(summary, PortfolioSummary.DocumentId, Partition, new ItemRequestOptions { IfMatchEtag = current.ETag }, cancellationToken);
                return written.Resource;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                // Another recount wrote first: count again, so the last word is a count taken after every change.
            }
        }
    }

    /// <summary>
    /// One page of rows matching the filter, newest request first, with the summary: the page after
    /// <see cref="PortfolioCursor.After"/> or the one before <see cref="PortfolioCursor.Before"/> (keyset paging on
    /// the rows' sort key, so a page costs the same wherever it is in the list), or the first.
    /// </summary>
    public async Task<PortfolioResults> PageAsync(PortfolioFilter filter, PortfolioCursor cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var summary = await ReadAsync<PortfolioSummary>(PortfolioSummary.DocumentId, cancellationToken) ?? new PortfolioSummary();
        var backwards = cursor.Before is not null;
        var key = cursor.Before ?? cursor.After;
        var query = Filtered(filter, (key is null ? string.Empty : backwards ? " AND c.sortKey > @key" : " AND c.sortKey < @key") + (backwards ? " ORDER BY c.sortKey ASC" : " ORDER BY c.sortKey DESC"));
        if (key is not null)
        {
            query = query.WithParameter("@key", key);
        }

        // One more than a page says whether there is another page beyond it.
        var rows = await FirstAsync<PortfolioRow>(query, pageSize + 1, cancellationToken);
        var more = rows.Count > pageSize;
        rows = rows.Take(pageSize).ToList();
        if (backwards)
        {
            rows.Reverse();
        }

        return new PortfolioResults(rows, summary.CountOf(filter), summary, HasNewer: backwards ? more : key is not null, HasOlder: backwards || more);
    }

    /// <summary>
    /// Every row the filter matches, newest first (for the downloads and the digest): read unordered in pages of a
    /// thousand and sorted here. Sorting the partition's ten thousand rows in memory takes milliseconds, where an
    /// ORDER BY query's pages cost the local Cosmos server a sort of the whole partition each (50 s for 10,000 rows,
    /// measured by the reports benchmark).
    /// </summary>
    public async IAsyncEnumerable<PortfolioRow> AllAsync(PortfolioFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = await QueryAsync<PortfolioRow>(Filtered(filter, string.Empty), cancellationToken);
        foreach (var row in rows.OrderByDescending(r => r.SortKey, StringComparer.Ordinal))
        {
            yield return row;
        }
    }

    private static QueryDefinition Filtered(PortfolioFilter filter, string tail)
    {
        // The partition key is named in the query too: the local Cosmos server refuses a query without it.
        var where = "SELECT * FROM c WHERE c.viewId = @viewId AND c.type = @type"
            + (filter.Stage is null ? string.Empty : " AND c.stage = @stage")
            + (filter.Category is null ? string.Empty : " AND c.category = @category")
            + (filter.CostBand is null ? string.Empty : " AND c.costBand = @band");
        var query = new QueryDefinition(where + tail).WithParameter("@viewId", ViewIds.Portfolio).WithParameter("@type", PortfolioRow.DocumentType);
        if (filter.Stage is { } stage)
        {
            query = query.WithParameter("@stage", stage.ToString());
        }

        if (filter.Category is { } category)
        {
            query = query.WithParameter("@category", category.ToString());
        }

        return filter.CostBand is { } band ? query.WithParameter("@band", band) : query;
    }

    private async Task<T?> ReadAsync<T>(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await _views.ReadItemAsync<T>(id, Partition, cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
    }

    /// <summary>The query's first <paramref name="count"/> results, in as few round trips as the server allows.</summary>
    private Task<List<T>> FirstAsync<T>(QueryDefinition query, int count, CancellationToken cancellationToken) =>
        PartitionQuery.WithLookupRetryAsync(() => ReadFirstAsync<T>(query, count, cancellationToken), cancellationToken);

    private async Task<List<T>> ReadFirstAsync<T>(QueryDefinition query, int count, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        using var iterator = _views.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = Partition, MaxItemCount = count });
        while (iterator.HasMoreResults && results.Count < count)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results.Take(count).ToList();
    }

    private Task<List<T>> QueryAsync<T>(QueryDefinition query, CancellationToken cancellationToken) =>
        PartitionQuery.WithLookupRetryAsync(() => ReadAllAsync<T>(query, cancellationToken), cancellationToken);

    private async Task<List<T>> ReadAllAsync<T>(QueryDefinition query, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        using var iterator = _views.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = Partition, MaxItemCount = 1000 });
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results;
    }

    private sealed record CountKey(ProjectStage Stage, ProjectCategory Category, string CostBand, string? Confidence);
}
