using Microsoft.DurableTask;

namespace Delivery.Workflows.Weeknotes;

/// <summary>
/// Emails one weeknote to the stakeholders (<see cref="SendWeeknoteActivity"/>), one instance per note
/// (<see cref="WeeknoteSent.InstanceId"/>), so posting returns at once and a failed send is retried by the engine.
/// </summary>
public sealed class WeeknoteOrchestrator : TaskOrchestrator<WeeknoteSent, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, WeeknoteSent input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<int>(nameof(SendWeeknoteActivity), input, WorkflowRetry.Activity);
    }
}
