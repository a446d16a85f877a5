using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Monitoring;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ToleranceMonitor;

/// <summary>Raises each breach on the project's <see cref="ProjectControlOrchestrator"/> (started on its first breach).</summary>
public sealed class OrchestrationBreachSink(DurableTaskClient client) : IToleranceBreachSink
{
    public Task RaiseAsync(ToleranceBreach breach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return ControlOrchestration.RaiseAsync(client, breach.ProjectId, ToleranceBreach.EventName, breach, cancellationToken);
    }
}
