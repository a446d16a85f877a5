using Delivery.Durable;
using Delivery.Durable.Backends.Cosmos;
using Delivery.Functions.App.Settings;
using Delivery.Workflows;
using Delivery.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Workflows;

/// <summary>
/// Runs the workflows in this process: the durable worker (polling its work queue), the client the endpoints use,
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
        var database = configuration[$"{CosmosSettings.Section}:Database"] ?? "delivery";

        // The same local-only prefix as the app's other queues, so parallel local apps never share a task hub queue.
        var queuePrefix = configuration[$"{StorageSettings.Section}:{nameof(StorageSettings.QueuePrefix)}"] ?? string.Empty;
        void Hub(CosmosTaskHubOptions o)
        {
            o.DatabaseName = database;
            o.WorkQueueName = queuePrefix + durable.WorkQueueName;
        }

        services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(r => r.AddDeliveryWorkflows());
            if (durable.Backend == DurableBackend.Cosmos)
            {
                b.UseCosmosBackend(Hub);
            }
            else
            {
                b.UseInMemoryBackend();
            }
        });
        services.AddDurableTaskClient(b =>
        {
            if (durable.Backend == DurableBackend.Cosmos)
            {
                b.UseCosmosBackend(Hub);
            }
            else
            {
                b.UseInMemoryBackend();
            }
        });
        return services;
    }
}
