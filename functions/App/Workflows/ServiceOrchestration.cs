using Delivery.Workflows.Services;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.App.Workflows;

/// <summary>
/// Starts a digital service's <see cref="ServiceLifecycleOrchestrator"/> and raises events on it, starting it first
/// when it is not running yet and waiting until it runs (an event raised before the instance exists can be dropped),
/// as <see cref="ControlOrchestration"/> does for the control orchestration.
/// </summary>
public static class ServiceOrchestration
{
    public static async Task EnsureStartedAsync(DurableTaskClient client, string projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = ServiceLifecycleIds.InstanceIdFor(projectId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } running && !running.IsCompleted)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ServiceLifecycleOrchestrator), projectId, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Started meanwhile by another request: wait for that one. Anything else is a failure.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }
        }

        await client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
    }

    /// <summary>
    /// Tells a running service orchestration that the service stopped, so it ends. One that has ended already (a retried
    /// stop) is left alone rather than started again only to be stopped.
    /// </summary>
    public static async Task StopAsync(DurableTaskClient client, string projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = ServiceLifecycleIds.InstanceIdFor(projectId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false })
        {
            await client.RaiseEventAsync(instanceId, ServiceStopped.EventName, new ServiceStopped(projectId), cancellationToken);
        }
    }

    public static async Task RaiseAsync(DurableTaskClient client, string projectId, string eventName, object payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await EnsureStartedAsync(client, projectId, cancellationToken);
        await client.RaiseEventAsync(ServiceLifecycleIds.InstanceIdFor(projectId), eventName, payload, cancellationToken);
    }
}
