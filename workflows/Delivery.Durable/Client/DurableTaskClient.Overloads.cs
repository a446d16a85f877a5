namespace Delivery.Durable;

/// <summary>The SDK's convenience overloads, so calls written against Microsoft.DurableTask compile unchanged.</summary>
public partial class DurableTaskClient
{
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellation);

    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation)
        => RaiseEventAsync(instanceId, eventName, null, cancellation);

    public virtual Task TerminateInstanceAsync(string instanceId, CancellationToken cancellation)
        => TerminateInstanceAsync(instanceId, null, cancellation);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation)
        => GetInstanceAsync(instanceId, false, cancellation);

    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellation)
        => WaitForInstanceStartAsync(instanceId, false, cancellation);

    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellation)
        => WaitForInstanceCompletionAsync(instanceId, false, cancellation);
}
