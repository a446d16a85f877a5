using Microsoft.DurableTask;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Emails the requester the receipt for their project request, through the outbox like every other email.</summary>
/// <remarks>Once per (project, requester) however often the activity runs: the outbox records the key before sending.</remarks>
public sealed class SendReceiptActivity(ProjectRepository projects, EmailOutbox outbox, WorkflowEnvironment environment) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        var project = await projects.GetAsync(input, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input} does not exist.");
        var message = ReceiptEmail.Build(project, environment.PublicBaseUrl);
        return await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:{ReceiptEmail.Category}:{message.To.Address}", message, CancellationToken.None);
    }
}
