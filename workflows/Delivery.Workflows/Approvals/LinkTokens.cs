using System.Security.Cryptography;
using System.Text;

namespace Delivery.Workflows.Approvals;

/// <summary>
/// Decision-link tokens: 256 random bits, URL-safe; only their SHA-256 hash is ever stored, so a leaked database
/// holds no usable link.
/// </summary>
public static class LinkTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    /// <summary>Compares in constant time, so response timing does not reveal how much of a hash matched.</summary>
    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
