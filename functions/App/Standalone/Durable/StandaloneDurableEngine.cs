using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>
/// Hosts the in-process gRPC sidecar (<see cref="TaskHubGrpcServer"/>) over DurableTask.AzureStorage, which the
/// Durable Task SDK worker and client in the app's own container talk to. Registered by
/// <see cref="StandaloneDurableServiceCollectionExtensions.AddStandaloneDurableEngine"/> ahead of the SDK worker, so
/// the host starts it first and stops it last.
/// </summary>
public sealed partial class StandaloneDurableEngine : IHostedService, IAsyncDisposable
{
    private readonly StandaloneDurableOptions _options;
    private readonly SidecarEndpoint _endpoint;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private AzureStorageOrchestrationService? _service;
    private HistoryNormalisingOrchestrationService? _dispatching;
    private WebApplication? _sidecar;

    internal StandaloneDurableEngine(StandaloneDurableOptions options, SidecarEndpoint endpoint, ILoggerFactory loggerFactory)
    {
        _options = options;
        _endpoint = endpoint;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<StandaloneDurableEngine>();
    }

    /// <summary>The task hub this engine runs.</summary>
    public string TaskHubName => _options.TaskHubName;

    /// <summary>The sidecar's address while it listens (http://127.0.0.1:port), otherwise null.</summary>
    public Uri? SidecarAddress => _endpoint.Port == 0 ? null : new Uri($"http://127.0.0.1:{_endpoint.Port}");

    /// <summary>Creates the task hub if missing and starts the sidecar listening on a port the OS picks.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null)
        {
            throw new InvalidOperationException("The standalone durable engine is already running.");
        }

        var started = Stopwatch.StartNew();
        var service = new AzureStorageOrchestrationService(CreateSettings());

        // The sidecar never creates the hub itself (its CreateTaskHub call is fire-and-forget), so a first run on an
        // empty Azurite needs the queues, tables and containers made here before any client call.
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        var dispatching = new HistoryNormalisingOrchestrationService(service, _logger);
        builder.Services.AddSingleton<IOrchestrationService>(dispatching);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Port 0: the OS hands out a free port at bind time, so parallel engines (test classes) never clash.
            // Loopback only, and HTTP/2 without TLS, since gRPC needs HTTP/2 and nothing leaves the machine.
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });

        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = sidecar.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        _endpoint.Port = new Uri(address).Port;
        _service = service;
        _dispatching = dispatching;
        _sidecar = sidecar;
        LogStarted(_options.TaskHubName, address, started.ElapsedMilliseconds);
    }

    /// <summary>
    /// Stops the sidecar. The host calls this after the SDK worker has stopped (hosted services stop in reverse
    /// order), so the worker is not cut off mid-stream.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var sidecar = _sidecar;
        if (sidecar is null)
        {
            return;
        }

        _sidecar = null;
        _endpoint.Port = 0;

        // Stopping the sidecar's host starts stopping its dispatchers, but from a fire-and-forget handler, so the
        // service's one stop is awaited here too: it releases the partition leases (a new engine on the same hub takes
        // them without waiting for expiry) and stops polling before the hub may be deleted.
        await sidecar.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_dispatching is { } dispatching)
        {
            await dispatching.StopAsync(isForced: false).ConfigureAwait(false);
        }

        await sidecar.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the task hub's queues, tables and blob containers (all instances and history). Only while the engine
    /// is stopped: deleting under running dispatchers makes them fail and recreate resources.
    /// </summary>
    public async Task DeleteTaskHubAsync()
    {
        if (_sidecar is not null)
        {
            throw new InvalidOperationException("Stop the standalone durable engine before deleting its task hub.");
        }

        var service = _service ?? new AzureStorageOrchestrationService(CreateSettings());
        await service.DeleteAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the sidecar if the host did not, and closes the channel the SDK used.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _endpoint.DisposeAsync().ConfigureAwait(false);
    }

    private AzureStorageOrchestrationServiceSettings CreateSettings() => new()
    {
        TaskHubName = _options.TaskHubName,
        StorageAccountClientProvider = CreateClientProvider(),
        PartitionCount = _options.PartitionCount,
        MaxQueuePollingInterval = _options.MaxQueuePollingInterval,
        MaxConcurrentTaskActivityWorkItems = _options.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = _options.MaxConcurrentOrchestrations,
        UseTablePartitionManagement = _options.UseTablePartitionManagement,
        ControlQueueVisibilityTimeout = _options.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = _options.WorkItemQueueVisibilityTimeout,
        LeaseInterval = _options.LeaseInterval,
        LeaseRenewInterval = _options.LeaseRenewInterval,
        LeaseAcquireInterval = _options.LeaseAcquireInterval,
        WorkerId = _options.WorkerId,
        LoggerFactory = _loggerFactory,
        CustomMessageTypeBinder = new ProtobufMapTypeBinder(),
    };

    private StorageAccountClientProvider CreateClientProvider()
    {
        var connectionString = _options.StorageConnectionString;
        if (_options.ConfigureStorageClientOptions is not { } configure)
        {
            return new StorageAccountClientProvider(connectionString);
        }

        // The same three clients the connection-string constructor makes, with options the caller has seen first.
        var blob = new BlobClientOptions();
        var queue = new QueueClientOptions();
        var table = new TableClientOptions();
        configure(blob);
        configure(queue);
        configure(table);
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(connectionString, blob),
            StorageServiceClientProvider.ForQueue(connectionString, queue),
            StorageServiceClientProvider.ForTable(connectionString, table));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standalone durable engine for task hub {TaskHub} listening on {Address} after {ElapsedMs} ms")]
    private partial void LogStarted(string taskHub, string address, long elapsedMs);
}
