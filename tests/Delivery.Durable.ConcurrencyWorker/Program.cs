using System.Net.Security;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Delivery.Durable;
using Delivery.Durable.Backends.Cosmos;
using Delivery.Durable.ConcurrencyWorker;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker process for the concurrency suite: dotnet Delivery.Durable.ConcurrencyWorker.dll <database> <queue> <payloads>.
// It runs until its standard input closes (the test ends it) and shares the task hub with its sibling processes.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: <database> <work queue> <payload container>");
    return 2;
}

var endpoint = new Uri(Environment.GetEnvironmentVariable("Cosmos__Endpoint") ?? "https://127.0.0.1:8081");
var loopback = endpoint.IsLoopback;
var cosmos = new CosmosClient(
    endpoint.ToString(),
    "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
    new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Self-signed local server: accepted only for a loopback endpoint.
                RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None || loopback,
            },
        }),
    });
var effects = cosmos.GetDatabase(args[0]).GetContainer(ChainWorkflow.EffectsContainer);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(cosmos);
builder.Services.AddSingleton(new QueueServiceClient("UseDevelopmentStorage=true"));
builder.Services.AddSingleton(new BlobServiceClient("UseDevelopmentStorage=true"));
builder.Services.AddDurableTaskWorker(b => b
    .AddTasks(r => ChainWorkflow.Register(r, effects))
    .UseCosmosBackend(o =>
    {
        o.DatabaseName = args[0];
        o.WorkQueueName = args[1];
        o.PayloadContainerName = args[2];
    })
    .Configure(o => o.PollingInterval = TimeSpan.FromMilliseconds(50)));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
await host.StopAsync();
return 0;
