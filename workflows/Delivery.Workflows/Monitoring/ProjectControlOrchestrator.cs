using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// One instance per approved project (id from <see cref="InstanceIdFor"/>) that takes the tolerance monitor's
/// breaches: each <see cref="ToleranceBreach"/> opens or worsens an exception through
/// <see cref="OpenExceptionActivity"/>. Breaches come once per episode and band, a handful in a project's life,
/// so its history stays short without ContinueAsNew (which could drop an event raised while it restarts).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Durable", "DURABLE0011", Justification = "Each turn waits for a breach: a few in a project's life.")]
public sealed class ProjectControlOrchestrator : TaskOrchestrator<string, string?>
{
    public static string InstanceIdFor(string projectId) => "controls-" + projectId;

    public override async Task<string?> RunAsync(TaskOrchestrationContext context, string projectId)
    {
        ArgumentNullException.ThrowIfNull(context);
        while (true)
        {
            var breach = await context.WaitForExternalEvent<ToleranceBreach>(ToleranceBreach.EventName);
            await context.CallActivityAsync(nameof(OpenExceptionActivity), breach, WorkflowRetry.Activity);
        }
    }
}
