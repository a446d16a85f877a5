using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.App.DataProtection;

/// <summary>
/// Turns an email address into its pseudonym with a keyed hash. The key is random, made once per deployment and kept
/// beside the data (views container, data protection partition): without it a pseudonym cannot be turned back into an
/// address by hashing guesses, and with it the same person always gets the same pseudonym.
/// </summary>
public sealed class PseudonymKey(Database database)
{
    private readonly Container _views = database.GetContainer(DataContainers.Views);
    private byte[]? _key;

    public async Task<Pseudonym> ForAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var key = _key ??= await LoadAsync(cancellationToken);
        return For(key, email);
    }

    /// <summary>A function for the addresses met during one job (the key already loaded).</summary>
    public async Task<Func<string, Pseudonym>> ForEachAsync(CancellationToken cancellationToken)
    {
        var key = _key ??= await LoadAsync(cancellationToken);
        return email => For(key, email);
    }

    private static Pseudonym For(byte[] key, string email) =>
        new(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..10]);

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        var partition = new PartitionKey(DataProtectionLog.ViewId);
        try
        {
            return Convert.FromBase64String((await _views.ReadItemAsync<KeyDocument>(KeyDocument.DocumentId, partition, cancellationToken: cancellationToken)).Resource.Key);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }

        try
        {
            var made = new KeyDocument { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
            await _views.CreateItemAsync(made, partition, cancellationToken: cancellationToken);
            return Convert.FromBase64String(made.Key);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Another job made it first: everyone uses the one key.
            return Convert.FromBase64String((await _views.ReadItemAsync<KeyDocument>(KeyDocument.DocumentId, partition, cancellationToken: cancellationToken)).Resource.Key);
        }
    }

    private sealed record KeyDocument
    {
        public const string DocumentId = "pseudonym-key";

        [JsonPropertyName("id")]
        public string Id { get; init; } = DocumentId;

        public string ViewId { get; init; } = DataProtectionLog.ViewId;

        public string Type { get; init; } = "pseudonym-key";

        public required string Key { get; init; }
    }
}
