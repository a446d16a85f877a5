using Delivery.Workflows.Monitoring;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.App.Workflows;

/// <summary>
/// Raises events on a project's <see cref="ProjectControlOrchestrator"/>, starting it first when the project has none
/// running yet, and waiting until it runs: raised before the engine has created the instance, an event can be dropped.
/// </summary>
public static class ControlOrchestration
{
    public static async Task RaiseAsync(DurableTaskClient client, string projectId, string eventName, object payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = ProjectControlOrchestrator.InstanceIdFor(projectId);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProjectControlOrchestrator), projectId, new StartOrchestrationOptions(instanceId), cancellationToken);
                await client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Started meanwhile by another raise: the event below goes to that instance. Anything else is a failure.
                if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
                {
                    throw;
                }
            }
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
    }
}
