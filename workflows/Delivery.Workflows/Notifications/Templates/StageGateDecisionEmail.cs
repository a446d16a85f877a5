using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the project manager how the stage gate decided on their end stage report.</summary>
public static class StageGateDecisionEmail
{
    public const string Category = "stage-gate-decision";

    public static EmailMessage Build(ProjectDocument project, Person to, EndStageReport report, string? nextStageName, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(report);
        var title = project.Request.Title;
        var (heading, body) = report.Decision?.Outcome switch
        {
            ApprovalOutcome.Approved => ("Next stage approved", $"The stage gate approved the end of {report.StageName}: {nextStageName ?? report.NextStageId} starts now."),
            ApprovalOutcome.ChangesRequested => ("More information needed", $"The stage gate needs more information about the end of {report.StageName}. See the comment on the project page and send the report again."),
            _ => ("Next stage refused", $"The stage gate refused to start {nextStageName ?? report.NextStageId}: {report.StageName} goes on. Replan and send a new end stage report."),
        };
        var layout = new EmailLayout(heading)
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{title}\": {body}")
            .Fact("Reference", project.ProjectId)
            .Link("See the delivery controls", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.ProjectId)}/delivery"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"{heading}: {title}", layout.Html(), layout.Text(), Category);
    }
}
