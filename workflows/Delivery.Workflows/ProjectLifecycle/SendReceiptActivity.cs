using Microsoft.DurableTask;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>
/// Emails the requester the receipt for their project request and tells the named sponsor they were named, through
/// the outbox like every other email.
/// </summary>
/// <remarks>
/// Each once per (project, recipient) however often the activity runs: the outbox records the key before sending.
/// Both belong to this one activity so that lifecycles already in flight replay unchanged.
/// </remarks>
public sealed class SendReceiptActivity(ProjectRepository projects, EmailOutbox outbox, WorkflowEnvironment environment) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        var project = await projects.GetAsync(input, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input} does not exist.");
        var receipt = ReceiptEmail.Build(project, environment.PublicBaseUrl);
        var sent = await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:{ReceiptEmail.Category}:{receipt.To.Address}", receipt, CancellationToken.None);
        // A requester who names themselves as sponsor knows already; the receipt is enough.
        if (!project.Request.Sponsor.Email.Equals(project.Request.Requester.Email, StringComparison.OrdinalIgnoreCase))
        {
            var sponsor = SponsorNamedEmail.Build(project, environment.PublicBaseUrl);
            await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:{SponsorNamedEmail.Category}:{sponsor.To.Address}", sponsor, CancellationToken.None);
        }
        return sent;
    }
}
