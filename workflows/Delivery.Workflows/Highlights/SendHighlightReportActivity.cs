using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Delivery.Workflows.Highlights;

/// <summary>
/// Emails a highlight report to the project's sponsor and the stakeholders its plan names, each once: every email is
/// keyed by project, report day and recipient, so a retried activity sends only what has not gone yet.
/// </summary>
/// <remarks>Returns how many people it is addressed to.</remarks>
public sealed class SendHighlightReportActivity(
    ProjectRepository projects, HighlightRepository highlights, ApprovalPolicy directory, EmailOutbox outbox, WorkflowEnvironment environment, ILogger<SendHighlightReportActivity> logger)
    : TaskActivity<HighlightSent, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, HighlightSent input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None);
        var report = await highlights.GetReportAsync(input.ProjectId, input.ReportDate, CancellationToken.None);
        if (project is null || report is null)
        {
            logger.LogWarning("Highlight report {ReportDate} of project {ProjectId} is not there to send", input.ReportDate, input.ProjectId);
            return 0;
        }

        var recipients = await ProjectStakeholders.OfAsync(project, highlights, directory, CancellationToken.None);
        foreach (var to in recipients)
        {
            await outbox.SendOnceAsync(
                input.ProjectId,
                $"{input.ProjectId}:highlight:{input.ReportDate:yyyy-MM-dd}:{to.Email}",
                HighlightReportEmail.Build(project, to, report, environment.PublicBaseUrl),
                CancellationToken.None);
        }

        return recipients.Count;
    }
}
