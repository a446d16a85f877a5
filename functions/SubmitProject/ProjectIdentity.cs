using System.Security.Cryptography;
using System.Text;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// Project ids and request hashes. With an Idempotency-Key the id is derived from the caller and the key, so a
/// retried request lands on the same document (create → 409) instead of making a second project.
/// </summary>
public static class ProjectIdentity
{
    public const int MaxKeyLength = 200;

    public static string NewId(string userId, string? idempotencyKey) =>
        idempotencyKey is null
            ? "prj-" + Guid.NewGuid().ToString("N")[..24]
            : "prj-" + Hex($"{userId}\n{idempotencyKey}")[..24];

    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>Hash of the request's meaning (fields and file contents), not its bytes: form boundaries differ per post.</summary>
    public static string RequestHash(RequestFields fields, IEnumerable<AttachmentInput> attachments)
    {
        var canonical = new StringBuilder();
        foreach (var (key, value) in fields.Values.Where(f => !f.Key.StartsWith("attachments[", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            canonical.Append(key).Append('=').Append(value.Trim()).Append('\n');
        }

        foreach (var attachment in attachments)
        {
            canonical.Append("file=").Append(attachment.FileName).Append('|').Append(attachment.ContentType).Append('|').Append(attachment.Sha256).Append('\n');
        }

        return Hex(canonical.ToString());
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
