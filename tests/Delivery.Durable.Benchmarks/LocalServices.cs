using System.Net.Security;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Benchmarks;

/// <summary>Clients for the local Cosmos server and Azurite (self-signed certificate accepted only on loopback).</summary>
internal static class LocalServices
{
    public const string StorageConnectionString = "UseDevelopmentStorage=true";

    // The local emulator's published well-known key; the local server accepts any key.
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static readonly Uri CosmosEndpoint = new(Environment.GetEnvironmentVariable("Cosmos__Endpoint") ?? "https://127.0.0.1:8081");

    public static CosmosClient CreateCosmosClient(RequestHandler? counter = null)
    {
        var loopback = CosmosEndpoint.IsLoopback;
        var options = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
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

    public static QueueServiceClient Queues(QueueClientOptions? options = null) => new(StorageConnectionString, options);

    public static BlobServiceClient Blobs(BlobClientOptions? options = null) => new(StorageConnectionString, options);
}
