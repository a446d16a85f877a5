using System.Net;
using System.Text.Json;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Flow;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Views;

/// <summary>What the flow report reads: the month documents of the period (oldest first) and work in progress.</summary>
public sealed record FlowData(IReadOnlyList<FlowMonth> Months, FlowWip Wip);

/// <summary>
/// The flow view, in the <c>flow</c> partition of the views container, kept current as audit entries are written
/// (<see cref="AuditLog"/> calls <see cref="ApplyAsync"/>) and restored by the view rebuild. Every write is idempotent:
/// the project's row holds entries by id, and the month and work-in-progress documents hold one item per project,
/// replaced (under the document's ETag, again on a clash) rather than added to, so a retried writer counts nothing twice.
/// </summary>
public sealed class FlowView(Database database)
{
    private static readonly PartitionKey Partition = new(ViewIds.Flow);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Container _views = database.GetContainer(DataContainers.Views);

    /// <summary>Adds the audit entries to the project's flow (those that matter; ones already there change nothing) and brings the aggregates in line.</summary>
    public async Task ApplyAsync(string projectId, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(entries);
        var events = entries.Where(e => FlowCalculator.Matters(e.Action)).Select(FlowEvent.From).ToList();
        if (events.Count == 0)
        {
            return;
        }

        // The row first: its events are the truth the aggregates are derived from. The aggregates are brought in
        // line even when the row already held every event, so a writer that stopped half way is finished by a retry.
        var row = await UpdateAsync<FlowProjectRow>(
            FlowProjectRow.IdFor(projectId),
            stored =>
            {
                var known = stored?.Events ?? [];
                var added = events.Where(e => known.All(k => k.Id != e.Id)).ToList();
                return (stored, added.Count) switch
                {
                    (null, _) => new FlowProjectRow { Id = FlowProjectRow.IdFor(projectId), ProjectId = projectId, Events = events.DistinctBy(e => e.Id).ToList() },
                    (_, 0) => null,
                    _ => stored with { Events = [.. known, .. added], ETag = null },
                };
            },
            cancellationToken);
        var facts = FlowCalculator.Facts(row.Events);
        var contributions = Contributions(projectId, facts);

        foreach (var month in row.Months.Union(contributions.Keys).Order(StringComparer.Ordinal))
        {
            var item = contributions.GetValueOrDefault(month);
            await UpdateAsync<FlowMonth>(
                FlowMonth.IdFor(month),
                stored =>
                {
                    var items = stored?.Items ?? [];
                    var next = items.Where(i => i.ProjectId != projectId).Concat(item is null ? [] : [item]).OrderBy(i => i.ProjectId, StringComparer.Ordinal).ToList();
                    return stored is not null && Same(items, next) ? null : new FlowMonth { Id = FlowMonth.IdFor(month), Month = month, Items = next };
                },
                cancellationToken);
        }

        var wip = facts.InProgress ? new WipItem(projectId, facts.Stage, facts.StartedAt!.Value, facts.StageSince) : null;
        if (wip is not null || row.InProgress)
        {
            await UpdateAsync<FlowWip>(
                FlowWip.DocumentId,
                stored =>
                {
                    var items = stored?.Items ?? [];
                    var next = items.Where(i => i.ProjectId != projectId).Concat(wip is null ? [] : [wip]).OrderBy(i => i.ProjectId, StringComparer.Ordinal).ToList();
                    return stored is not null && Same(items, next) ? null : new FlowWip { Items = next };
                },
                cancellationToken);
        }

        var months = contributions.Keys.Order(StringComparer.Ordinal).ToList();
        if (!row.Months.SequenceEqual(months) || row.InProgress != facts.InProgress)
        {
            await UpdateAsync<FlowProjectRow>(
                row.Id,
                stored => stored is null || stored.Months.SequenceEqual(months) && stored.InProgress == facts.InProgress ? null : stored with { Months = months, InProgress = facts.InProgress, ETag = null },
                cancellationToken);
        }
    }

    /// <summary>The month documents for the months given and the work in progress, read at once (point reads).</summary>
    public async Task<FlowData> ReadAsync(IReadOnlyList<string> months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(months);
        var monthReads = months.Select(m => ReadAsync<FlowMonth>(FlowMonth.IdFor(m), cancellationToken)).ToList();
        var wipRead = ReadAsync<FlowWip>(FlowWip.DocumentId, cancellationToken);
        var found = await Task.WhenAll(monthReads);
        var wip = await wipRead;
        return new FlowData(
            months.Select((m, i) => found[i] ?? new FlowMonth { Id = FlowMonth.IdFor(m), Month = m }).ToList(),
            wip ?? new FlowWip());
    }

    private static Dictionary<string, FlowMonthItem> Contributions(string projectId, FlowFacts facts)
    {
        var months = new SortedSet<string>(StringComparer.Ordinal);
        if (facts.FinishedAt is { } finished)
        {
            months.Add(FlowCalculator.MonthOf(finished));
        }

        months.UnionWith(facts.Spells.Select(s => FlowCalculator.MonthOf(s.LeftAt)));
        months.UnionWith(facts.Turns.Select(t => FlowCalculator.MonthOf(t.DecidedAt)));
        return months.ToDictionary(
            m => m,
            m => new FlowMonthItem(
                projectId,
                facts.FinishedAt is { } f && FlowCalculator.MonthOf(f) == m ? new FinishedItem(facts.StartedAt!.Value, f, facts.LeadTimeDays!.Value) : null,
                facts.Spells.Where(s => FlowCalculator.MonthOf(s.LeftAt) == m).ToList(),
                facts.Turns.Where(t => FlowCalculator.MonthOf(t.DecidedAt) == m).ToList()),
            StringComparer.Ordinal);
    }

    private static bool Same<T>(T a, T b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);

    /// <summary>Reads the document, lets <paramref name="change"/> say what it should be (null: leave it), writes it under the read's ETag, and on a clash starts again.</summary>
    private async Task<T> UpdateAsync<T>(string id, Func<T?, T?> change, CancellationToken cancellationToken)
        where T : class, IFlowDocument
    {
        while (true)
        {
            var stored = await ReadAsync<T>(id, cancellationToken);
            var next = change(stored);
            if (next is null)
            {
                return stored!;
            }

            try
            {
                var written = stored is null
                    ? await _views.CreateItemAsync(next, Partition, cancellationToken: cancellationToken)
                    : await _views.ReplaceItemAsync(next, id, Partition, new ItemRequestOptions { IfMatchEtag = stored.ETag }, cancellationToken);
                return written.Resource;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                // Another writer got there first: read what it wrote and apply this change to that.
            }
        }
    }

    private async Task<T?> ReadAsync<T>(string id, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await _views.ReadItemAsync<T>(id, Partition, cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
