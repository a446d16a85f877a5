namespace Delivery.Durable.Engine;

/// <summary>Which runtime statuses are final (an instance in one never runs again in that execution).</summary>
internal static class InstanceStatus
{
    public static bool IsTerminal(OrchestrationRuntimeStatus status)
        => status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
