using System.Security.Cryptography;
using System.Text;

namespace Delivery.Durable.Engine;

/// <summary>Name-based GUIDs: the same name always gives the same GUID (replay-safe ids, idempotent message ids).</summary>
internal static class DeterministicGuid
{
    public static Guid Create(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];

        // Version 8 (custom) and the RFC 4122 variant, so the value is a well-formed GUID.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
