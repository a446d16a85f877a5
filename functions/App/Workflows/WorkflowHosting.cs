using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Standalone.Durable;
using Delivery.Workflows;
using Delivery.Workflows.Notifications;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Workflows;

/// <summary>
/// The workflows' services and policies (both modes), and where their orchestrations run: on the Durable Functions
/// extension under the Functions host, or on the standalone engine (the Durable Task SDK over DurableTask.AzureStorage)
/// without it. The orchestrators and activities are registered once, by <see cref="WorkflowRegistration.AddDeliveryWorkflows"/>.
/// </summary>
public static class WorkflowHosting
{
    /// <summary>Policies built from validated settings, and the repositories and services the activities and functions share.</summary>
    public static IServiceCollection AddDeliveryWorkflows(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ApprovalSettings>>().Value.ToPolicy());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LifecycleSettings>>().Value.ToPolicy());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<InputSettings>>().Value.ToLimits());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BenefitsSettings>>().Value.ToPolicy());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServiceSettings>>().Value.ToPolicy());
        services.AddSingleton(sp => new WorkflowEnvironment(sp.GetRequiredService<IOptions<AppSettings>>().Value.PublicBaseUrl!));
        services.AddDeliveryWorkflowServices();
        return services;
    }

    /// <summary>Under the Functions host: the Durable extension runs the class-based tasks, activities built from the app's container.</summary>
    public static IFunctionsWorkerApplicationBuilder AddDeliveryOrchestrations(this IFunctionsWorkerApplicationBuilder builder)
    {
        builder.ConfigureDurableWorker().AddTasks(r => r.AddDeliveryWorkflows());
        return builder;
    }

    /// <summary>Standalone: the in-process engine on the task hub host.json names, in the storage <c>AzureWebJobsStorage</c> names.</summary>
    public static IServiceCollection AddStandaloneOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DurableHostSettings.Load(AppContext.BaseDirectory, configuration);
        return services.AddStandaloneDurableEngine(options, r => r.AddDeliveryWorkflows());
    }
}
