using System.Globalization;

namespace Delivery.Durable.Backends.InMemory;

/// <summary>Instance records in a dictionary; every read and write copies, as a database would.</summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Dictionary<string, InstanceRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _etag;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(instanceId, out var record) ? Copy(record) : null);
        }
    }

    public Task<bool> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_records.ContainsKey(record.InstanceId))
            {
                return Task.FromResult(false);
            }

            var stored = Copy(record);
            stored.ETag = NextETag();
            _records[record.InstanceId] = stored;
            record.ETag = stored.ETag;
            return Task.FromResult(true);
        }
    }

    public Task<string?> TryCommitAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_records.TryGetValue(record.InstanceId, out var current) || current.ETag != record.ETag)
            {
                return Task.FromResult<string?>(null);
            }

            var stored = Copy(record);
            stored.ETag = NextETag();
            _records[record.InstanceId] = stored;
            record.ETag = stored.ETag;
            return Task.FromResult<string?>(stored.ETag);
        }
    }

    public Task<InstancePage> QueryAsync(InstanceFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var matches = _records.Values
                .Where(r => Matches(r, filter))
                .OrderBy(r => r.CreatedAt)
                .ThenBy(r => r.InstanceId, StringComparer.Ordinal)
                .ToList();
            var skip = filter.ContinuationToken is null ? 0 : int.Parse(filter.ContinuationToken, CultureInfo.InvariantCulture);
            var size = Math.Max(1, filter.PageSize);
            var page = matches.Skip(skip).Take(size).Select(Copy).ToList();
            var next = skip + page.Count < matches.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new InstancePage(page, next));
        }
    }

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.Remove(instanceId));
        }
    }

    internal static bool Matches(InstanceRecord r, InstanceFilter f)
        => (f.CreatedFrom is null || r.CreatedAt >= f.CreatedFrom)
            && (f.CreatedTo is null || r.CreatedAt <= f.CreatedTo)
            && (f.Statuses is null || f.Statuses.Count == 0 || f.Statuses.Contains(r.RuntimeStatus))
            && (f.InstanceIdPrefix is null || r.InstanceId.StartsWith(f.InstanceIdPrefix, StringComparison.Ordinal))
            && (f.Name is null || string.Equals(r.Name, f.Name, StringComparison.OrdinalIgnoreCase))
            && (f.CustomStatus is null || string.Equals(r.SerializedCustomStatus, f.CustomStatus, StringComparison.Ordinal));

    private string NextETag() => (++_etag).ToString(CultureInfo.InvariantCulture);

    private static InstanceRecord Copy(InstanceRecord r) => new()
    {
        InstanceId = r.InstanceId,
        ExecutionId = r.ExecutionId,
        Name = r.Name,
        Version = r.Version,
        RuntimeStatus = r.RuntimeStatus,
        CreatedAt = r.CreatedAt,
        LastUpdatedAt = r.LastUpdatedAt,
        SerializedInput = r.SerializedInput,
        SerializedOutput = r.SerializedOutput,
        SerializedCustomStatus = r.SerializedCustomStatus,
        SerializedFailureDetails = r.SerializedFailureDetails,
        ParentInstanceId = r.ParentInstanceId,
        ParentExecutionId = r.ParentExecutionId,
        ParentTaskId = r.ParentTaskId,
        History = [.. r.History],
        PendingEvents = [.. r.PendingEvents],
        ETag = r.ETag,
    };
}
