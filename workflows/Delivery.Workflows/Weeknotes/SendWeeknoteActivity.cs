using Delivery.Workflows.Approvals;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Delivery.Workflows.Weeknotes;

/// <summary>
/// Emails a weeknote to the service's stakeholders: the sponsor and the stakeholders the project's highlight plan
/// names (the people who already hear how it is going), each once.
/// </summary>
/// <remarks>Every email is keyed by project, note and recipient, so a retried activity sends only what has not gone yet. Returns how many people it is addressed to.</remarks>
public sealed class SendWeeknoteActivity(
    ProjectRepository projects, WeeknoteRepository weeknotes, HighlightRepository highlights, ApprovalPolicy directory, EmailOutbox outbox, WorkflowEnvironment environment, ILogger<SendWeeknoteActivity> logger)
    : TaskActivity<WeeknoteSent, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, WeeknoteSent input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None);
        var note = await weeknotes.GetAsync(input.ProjectId, input.WeeknoteId, CancellationToken.None);
        if (project is null || note is null)
        {
            logger.LogWarning("Weeknote {WeeknoteId} of project {ProjectId} is not there to send", input.WeeknoteId, input.ProjectId);
            return 0;
        }

        var recipients = await ProjectStakeholders.OfAsync(project, highlights, directory, CancellationToken.None);
        foreach (var to in recipients)
        {
            await outbox.SendOnceAsync(
                input.ProjectId,
                $"{input.ProjectId}:weeknote:{input.WeeknoteId}:{to.Email}",
                WeeknoteEmail.Build(project, to, note, environment.PublicBaseUrl),
                CancellationToken.None);
        }

        return recipients.Count;
    }
}
