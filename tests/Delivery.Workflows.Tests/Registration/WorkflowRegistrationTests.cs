using Microsoft.DurableTask;

namespace Delivery.Workflows.Tests.Registration;

/// <summary>
/// One registration serves both modes (the Durable extension's <c>AddTasks</c> and the standalone worker), so every
/// orchestrator and activity the workflows define must be in it, under its class name (the name callers use).
/// </summary>
public sealed class WorkflowRegistrationTests
{
    [Fact]
    public void Every_orchestrator_and_activity_in_the_workflows_is_registered_under_its_class_name()
    {
        var registry = new DurableTaskRegistry().AddDeliveryWorkflows();
        var types = typeof(WorkflowRegistration).Assembly.GetTypes().Where(t => !t.IsAbstract).ToList();
        var orchestrators = types.Where(t => typeof(ITaskOrchestrator).IsAssignableFrom(t)).Select(t => t.Name).Order(StringComparer.Ordinal);
        var activities = types.Where(t => typeof(ITaskActivity).IsAssignableFrom(t)).Select(t => t.Name).Order(StringComparer.Ordinal);

        var registeredOrchestrators = registry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal);
        var registeredActivities = registry.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal);

        Assert.Equal(orchestrators, registeredOrchestrators);
        Assert.Equal(activities, registeredActivities);
        Assert.Contains(nameof(ProjectLifecycle.SendReceiptActivity), registeredActivities);
    }
}
