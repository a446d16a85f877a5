using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Asks an approver (or their delegate) to decide, with a single-use link to the decision page.</summary>
public static class ApprovalRequestEmail
{
    public const string Category = "approval-request";

    public static EmailMessage Build(ProjectDocument project, ApprovalStepDocument step, ApprovalPerson to, Uri decisionLink, DateTimeOffset linkExpires)
    {
        var request = project.Request;
        var onBehalf = to.Id == step.Approver.Id ? string.Empty : $" on behalf of {step.Approver.Name}";
        var layout = new EmailLayout("A project needs your approval")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"Please review \"{request.Title}\" and decide whether to approve it{onBehalf}, as {step.Label.ToLowerInvariant()}.")
            .Fact("Reference", project.ProjectId)
            .Fact("What to approve", step.Subject)
            .Fact("Estimated cost", UkFormat.Money(request.EstimatedCost.Total))
            .Fact("Requested by", request.Requester.Name);
        if (step.RouteNote is { } note)
        {
            layout = layout.Paragraph(note);
        }

        layout = layout
            .Link("Review and decide", decisionLink)
            .Paragraph($"The link works once and until {UkFormat.Date(linkExpires)}. You will need to sign in.")
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Approval needed: {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
