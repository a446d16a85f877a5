namespace Delivery.Functions;

/// <summary>
/// Buffers a request body up to a limit ourselves, so the limit holds the same under Kestrel, the Functions host and
/// the test server, and a missing or false Content-Length changes nothing.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Whether a content type's charset, if it names one, is UTF-8: the only encoding the service reads.</summary>
    public static bool IsUtf8OrUnstated(string? charset) =>
        charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text without a leading UTF-8 byte order mark, which some clients send and JSON parsers refuse.</summary>
    public static ReadOnlyMemory<byte> WithoutByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsMemory(3) : bytes.AsMemory();
}
