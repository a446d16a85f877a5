using System.Text.Json;

namespace Delivery.Workflows.Storage;

/// <summary>A delivery record people keep up to date (a risk, a milestone): each change is a new version, audited once.</summary>
public interface IVersionedRecord<TSelf> : IProjectDocument<TSelf>
    where TSelf : IVersionedRecord<TSelf>
{
    int Version { get; }

    /// <summary>The same record as another version, changed by whom and when, keeping what the previous version fixed (when it was raised).</summary>
    TSelf AsVersion(int version, string by, DateTimeOffset at, TSelf? previous);

    /// <summary>The record without its version stamp (version, who, when, ETag), to tell a real change from a retry.</summary>
    TSelf Unstamped();
}

/// <summary>What saving a record did.</summary>
public sealed record SavedRecord<T>(T Record, bool Created, bool Changed);

/// <summary>Saves versioned records in their project's partition: a retry of the same content changes nothing.</summary>
public static class VersionedRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Creates the record as version 1, or replaces it with the next version when its content differs (ETag-guarded,
    /// re-read on a clash). <c>check</c> sees the stored record (null when new) and returns a refusal, or null to go
    /// ahead; it is asked again after every clash.
    /// </summary>
    /// <returns>The stored record, or the refusal.</returns>
    public static async Task<(SavedRecord<T>? Saved, string? Refusal)> SaveAsync<T>(
        this ProjectPartition<T> partition, T proposed, string by, DateTimeOffset at, Func<T?, string?> check, CancellationToken cancellationToken)
        where T : IVersionedRecord<T>
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(check);
        while (true)
        {
            var current = await partition.GetAsync(proposed.Id, proposed.ProjectId, cancellationToken);
            if (check(current) is { } refusal)
            {
                return (null, refusal);
            }

            if (current is null)
            {
                var first = proposed.AsVersion(1, by, at, default);
                if (await partition.TryCreateAsync(first, cancellationToken))
                {
                    return (new SavedRecord<T>((await partition.GetAsync(first.Id, first.ProjectId, cancellationToken))!, Created: true, Changed: true), null);
                }

                continue;
            }

            if (SameContent(current, proposed))
            {
                return (new SavedRecord<T>(current, Created: false, Changed: false), null);
            }

            if (await partition.TryReplaceAsync(proposed.AsVersion(current.Version + 1, by, at, current).WithETag(current.ETag), cancellationToken) is { } stored)
            {
                return (new SavedRecord<T>(stored, Created: false, Changed: true), null);
            }
        }
    }

    private static bool SameContent<T>(T stored, T proposed)
        where T : IVersionedRecord<T> =>
        JsonSerializer.Serialize(stored.Unstamped(), Json) == JsonSerializer.Serialize(proposed.AsVersion(0, string.Empty, default, stored).Unstamped(), Json);
}
