using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells an approver's escalation contact that a decision is overdue, and lets them decide.</summary>
public static class ApprovalEscalationEmail
{
    public const string Category = "approval-escalation";

    public static EmailMessage Build(ProjectDocument project, ApprovalStepDocument step, ApprovalPerson to, Uri decisionLink, int workingDays)
    {
        var request = project.Request;
        var layout = new EmailLayout("An approval is overdue")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{request.Title}\" has waited {workingDays} working days for a decision from {step.Approver.Name} ({step.Label.ToLowerInvariant()}). You are their escalation contact.")
            .Fact("Reference", project.ProjectId)
            .Fact("What to approve", step.Subject)
            .Fact("Asked on", UkFormat.Date(step.RequestedAt))
            .Link("Review and decide", decisionLink)
            .Paragraph("Please make sure a decision is made, or make it yourself.")
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Overdue approval: {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
