using System.Net.Security;
using System.Text.Json;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Support;

/// <summary>A uniquely named database on the local Cosmos server, made like the app makes its client; deleted on dispose.</summary>
public sealed class TestCosmos : IAsyncDisposable
{
    private const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private static readonly Uri Endpoint = new(Environment.GetEnvironmentVariable("Cosmos__Endpoint") ?? "https://127.0.0.1:8081");

    // One client per test database: the local server reuses resource ids of deleted containers, so a client shared
    // across tests could hold partition-key-range caches for a container that is gone ("stale cache", 404).
    private static CosmosClient NewClient() => new(Endpoint.ToString(), Key, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
        HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Self-signed local server: accepted only for a loopback endpoint.
                RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None || Endpoint.IsLoopback,
            },
        }),
    });

    private readonly CosmosClient _client;

    private TestCosmos(CosmosClient client, Database database)
    {
        _client = client;
        Database = database;
    }

    public Database Database { get; }

    public static async Task<TestCosmos> CreateAsync()
    {
        var client = NewClient();
        var database = (await client.CreateDatabaseIfNotExistsAsync($"test-{Guid.NewGuid():N}")).Database;
        foreach (var (name, path) in DataContainers.All)
        {
            await database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, path));
        }

        return new TestCosmos(client, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DeleteAsync();
        _client.Dispose();
    }
}
