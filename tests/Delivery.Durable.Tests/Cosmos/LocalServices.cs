using System.Net;
using System.Net.Security;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Delivery.Durable.Backends.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>Clients for the local Cosmos server and Azurite, built the way the app builds them.</summary>
public static class LocalServices
{
    public const string StorageConnectionString = "UseDevelopmentStorage=true";

    // The local emulator's published well-known key; the local server accepts any key.
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static readonly Uri CosmosEndpoint = new(Environment.GetEnvironmentVariable("Cosmos__Endpoint") ?? "https://127.0.0.1:8081");

    private static readonly Lazy<CosmosClient> SharedCosmos = new(() => CreateCosmosClient());

    public static CosmosClient Cosmos => SharedCosmos.Value;

    public static CosmosClient CreateCosmosClient(RequestHandler? counter = null)
    {
        var loopback = CosmosEndpoint.IsLoopback;
        var options = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            // The local server's certificate is self-signed: accepted only because the endpoint is loopback.
            HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 64,
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None || loopback,
                },
            }),
        };
        if (counter is not null)
        {
            options.CustomHandlers.Add(counter);
        }

        return new CosmosClient(CosmosEndpoint.ToString(), CosmosKey, options);
    }

    /// <summary>Default message encoding (none): the backend base64-encodes bodies itself.</summary>
    public static QueueServiceClient Queues(QueueClientOptions? options = null) => new(StorageConnectionString, options);

    public static BlobServiceClient Blobs(BlobClientOptions? options = null) => new(StorageConnectionString, options);

    /// <summary>Options naming a database, queue and blob container of their own, so parallel runs never meet.</summary>
    public static CosmosTaskHubOptions UniqueOptions(string prefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        return new CosmosTaskHubOptions
        {
            DatabaseName = $"test-{prefix}-{suffix}",
            WorkQueueName = $"{prefix}-{suffix}-work",
            PayloadContainerName = $"{prefix}-{suffix}-payloads",
        };
    }

    /// <summary>Removes what <see cref="UniqueOptions"/> named; missing pieces are fine.</summary>
    public static async Task DeleteAsync(CosmosTaskHubOptions options)
    {
        try
        {
            await Cosmos.GetDatabase(options.DatabaseName).DeleteAsync();
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Never created.
        }

        await Queues().GetQueueClient(options.WorkQueueName).DeleteIfExistsAsync();
        await Blobs().GetBlobContainerClient(options.PayloadContainerName).DeleteIfExistsAsync();
    }
}
