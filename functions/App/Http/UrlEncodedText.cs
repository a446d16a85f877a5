using System.Net;
using System.Text;
using System.Text.Unicode;

namespace Delivery.Functions;

/// <summary>
/// Checks that a URL-encoded form is UTF-8 once its percent-escapes are decoded. ASP.NET Core's form reader leaves
/// an escape that is not UTF-8 (such as Latin-1's <c>%E9</c>) as literal text, which would store something the
/// person never typed.
/// </summary>
public static class UrlEncodedText
{
    /// <summary>The first field whose name or value is not UTF-8 (named as sent, or "body" if its name is the bad part), or null.</summary>
    public static string? FirstInvalidField(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var pair in body.AsSpan().Split((byte)'&'))
        {
            var text = body.AsSpan(pair);
            var equals = text.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? text : text[..equals]);
            var value = equals < 0 ? [] : Decode(text[(equals + 1)..]);
            if (!Utf8.IsValid(name))
            {
                return "body";
            }

            if (!Utf8.IsValid(value))
            {
                var field = Encoding.UTF8.GetString(name);
                return field.Length > 60 || field.Any(char.IsControl) ? "body" : field;
            }
        }

        return null;
    }

    private static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.ToArray();
        return WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length) ?? [];
    }
}
