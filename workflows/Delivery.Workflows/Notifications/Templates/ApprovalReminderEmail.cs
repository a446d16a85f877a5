using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Reminds an approver that a decision is still waiting for them.</summary>
public static class ApprovalReminderEmail
{
    public const string Category = "approval-reminder";

    public static EmailMessage Build(ProjectDocument project, ApprovalStepDocument step, ApprovalPerson to, Uri decisionLink, int workingDays)
    {
        var request = project.Request;
        var layout = new EmailLayout("Reminder: a project is waiting for your decision")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{request.Title}\" has been waiting for your decision for {workingDays} working days.")
            .Fact("Reference", project.ProjectId)
            .Fact("What to approve", step.Subject)
            .Fact("Asked on", UkFormat.Date(step.RequestedAt))
            .Link("Review and decide", decisionLink)
            .Paragraph("If you cannot decide, you can delegate the decision from the same page.")
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Reminder: approval needed for {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
