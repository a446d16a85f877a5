using Delivery.Durable;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Delivery.Durable.Backends.Cosmos;
using Delivery.Functions.App.Storage;
using Delivery.Functions.DurableWork;
using Microsoft.Azure.Cosmos;
using Delivery.Functions.App.Settings;
using Delivery.Workflows;
using Delivery.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Workflows;

/// <summary>
/// Runs the workflows in this process: the durable worker (fed by the DurableWork queue trigger), the client the endpoints use,
/// and the policies the activities read, built from validated settings.
/// </summary>
public static class WorkflowHosting
{
    public static IServiceCollection AddDeliveryWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ApprovalSettings>>().Value.ToPolicy());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LifecycleSettings>>().Value.ToPolicy());
        services.AddSingleton(sp => new WorkflowEnvironment(sp.GetRequiredService<IOptions<AppSettings>>().Value.PublicBaseUrl!));
        services.AddDeliveryWorkflowServices();

        var durable = new DurableSettings();
        configuration.GetSection(DurableSettings.Section).Bind(durable);
        if (durable.Backend == DurableBackend.Cosmos)
        {
            services.AddSingleton(CreateCosmosBackend);
            services.AddHostedService<DurableBackendInitializer>();
        }

        services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(r => r.AddDeliveryWorkflows());

            // With Cosmos + Storage, work arrives through the DurableWork queue trigger (fired by the Functions host,
            // or standalone by the local trigger runner); only the in-memory queue needs the worker's own polling.
            b.Configure(o => o.EnablePolling = durable.Backend == DurableBackend.InMemory);
            UseBackend(b, durable);
        });
        services.AddDurableTaskClient(b => UseBackend(b, durable));
        return services;
    }

    private static void UseBackend(IDurableTaskWorkerBuilder builder, DurableSettings durable)
    {
        if (durable.Backend == DurableBackend.Cosmos)
        {
            builder.UseBackend(sp => sp.GetRequiredService<CosmosBackend>());
        }
        else
        {
            builder.UseInMemoryBackend();
        }
    }

    private static void UseBackend(IDurableTaskClientBuilder builder, DurableSettings durable)
    {
        if (durable.Backend == DurableBackend.Cosmos)
        {
            builder.UseBackend(sp => sp.GetRequiredService<CosmosBackend>());
        }
        else
        {
            builder.UseInMemoryBackend();
        }
    }

    /// <remarks>
    /// The backend base64-encodes its messages itself (as the Functions host expects), so it gets a queue client
    /// that adds no encoding of its own. The queue takes the same local-only prefix as the app's other queues.
    /// </remarks>
    private static CosmosBackend CreateCosmosBackend(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageSettings>>().Value;
        var options = new CosmosTaskHubOptions
        {
            DatabaseName = services.GetRequiredService<IOptions<CosmosSettings>>().Value.Database,
            WorkQueueName = (storage.QueuePrefix ?? string.Empty) + DurableWorkFunction.QueueName,
        };
        return new CosmosBackend(
            services.GetRequiredService<CosmosClient>(),
            StorageRegistration.QueueService(services, QueueMessageEncoding.None),
            services.GetRequiredService<BlobServiceClient>(),
            options,
            services.GetService<TimeProvider>());
    }
}
