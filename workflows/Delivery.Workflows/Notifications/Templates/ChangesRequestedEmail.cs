using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Returns the business case to the requester with the approver's comment.</summary>
public static class ChangesRequestedEmail
{
    public const string Category = "changes-requested";

    public static EmailMessage Build(ProjectDocument project, string subject, string deciderName, string comment, Uri publicBaseUrl)
    {
        var request = project.Request;
        var layout = new EmailLayout("Changes are needed to your business case")
            .Paragraph($"Dear {request.Requester.Name},")
            .Paragraph($"{deciderName} has asked for changes to \"{request.Title}\" before deciding.")
            .Fact("Reference", project.ProjectId)
            .Fact("What was reviewed", subject)
            .Paragraph($"Their comment: {comment}")
            .Paragraph("Update the business case and submit it again. The approvals will start again, and earlier decisions stay on record.")
            .Link("See your project", ApprovalLinks.Project(publicBaseUrl, project.ProjectId))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(request.Requester.Email, request.Requester.Name), $"Changes needed: {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
