using System.Security.Cryptography;
using System.Text;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>Document ids, blob prefixes and index buckets derived from an instance id.</summary>
internal static class CosmosIds
{
    /// <summary>
    /// Cosmos ids may not contain '/', '\', '?' or '#'; those (and '%', to keep the mapping one-to-one) are
    /// percent-encoded. The partition key keeps the instance id as given.
    /// </summary>
    public static string DocumentId(string instanceId)
    {
        if (instanceId.AsSpan().IndexOfAny("/\\?#%") < 0)
        {
            return instanceId;
        }

        var builder = new StringBuilder(instanceId.Length + 8);
        foreach (var c in instanceId)
        {
            if (c is '/' or '\\' or '?' or '#' or '%')
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Blob name prefix for everything stored for one instance; ends with '/' so "a" never matches "ab".</summary>
    public static string BlobPrefix(string instanceId) => DocumentId(instanceId) + "/";

    /// <summary>A stable hash bucket (FNV-1a over UTF-8), the same in every process.</summary>
    public static int Bucket(string instanceId, int bucketCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)bucketCount);
    }

    public static string ContentHash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
