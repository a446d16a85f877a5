using Delivery.Workflows.Monitoring;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ToleranceMonitor;

/// <summary>
/// Raises each breach on the project's <see cref="ProjectControlOrchestrator"/>, starting it first when the project
/// has none running yet (its first breach), and waiting until it runs before raising.
/// </summary>
public sealed class OrchestrationBreachSink(DurableTaskClient client) : IToleranceBreachSink
{
    public async Task RaiseAsync(ToleranceBreach breach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breach);
        var instanceId = ProjectControlOrchestrator.InstanceIdFor(breach.ProjectId);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProjectControlOrchestrator), breach.ProjectId, new StartOrchestrationOptions(instanceId), cancellationToken);

                // Raised before the engine has created the instance, an event can be dropped: wait until it runs.
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

        await client.RaiseEventAsync(instanceId, ToleranceBreach.EventName, breach, cancellationToken);
    }
}
