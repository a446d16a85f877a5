using System.Net.Security;
using System.Text.Json;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Support;

/// <summary>
/// One uniquely named database on the local Cosmos server for the whole test run, made like the app makes its
/// client; every test works on projects of its own inside it, and it is deleted when the run ends.
/// </summary>
/// <remarks>
/// Shared rather than one per test: while one test's database was being dropped, another's partition-key-range
/// lookup on the local server now and then answered 404 for good ("stale cache"), failing a query at random. Fewer
/// creates and drops make that far rarer.
/// </remarks>
public sealed class TestCosmos : IAsyncDisposable
{
    private const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private static readonly Uri Endpoint = new(Environment.GetEnvironmentVariable("Cosmos__Endpoint") ?? "https://127.0.0.1:8081");

    private static readonly Lazy<Task<TestCosmos>> Shared = new(CreateSharedAsync);

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

    /// <summary>The run's database (created on first use).</summary>
    public static Task<TestCosmos> CreateAsync() => Shared.Value;

    private static async Task<TestCosmos> CreateSharedAsync()
    {
        var client = NewClient();
        var database = (await client.CreateDatabaseIfNotExistsAsync($"test-{Guid.NewGuid():N}")).Database;
        foreach (var (name, path) in DataContainers.All)
        {
            await database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, path));
        }

        var shared = new TestCosmos(client, database);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.DeleteAsync().GetAwaiter().GetResult();
        return shared;
    }

    /// <summary>Nothing to do per test: the database outlives it and goes when the run ends.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task DeleteAsync()
    {
        try
        {
            await Database.DeleteAsync();
        }
        catch (CosmosException)
        {
            // The run is over; a database left behind on the in-memory local server goes when it stops.
        }

        _client.Dispose();
    }
}
