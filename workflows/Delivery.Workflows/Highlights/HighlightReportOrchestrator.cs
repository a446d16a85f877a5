using Microsoft.DurableTask;

namespace Delivery.Workflows.Highlights;

/// <summary>
/// Sends one highlight report to the sponsor and the stakeholders (<see cref="SendHighlightReportActivity"/>), one
/// instance per report (<see cref="HighlightSent.InstanceId"/>), so the request that stored it returns at once and a
/// failed send is retried by the engine, never lost.
/// </summary>
public sealed class HighlightReportOrchestrator : TaskOrchestrator<HighlightSent, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, HighlightSent input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<int>(nameof(SendHighlightReportActivity), input, WorkflowRetry.Activity);
    }
}
