using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the requester their project was not approved, and why.</summary>
public static class ProjectRejectedEmail
{
    public const string Category = "project-rejected";

    public static EmailMessage Build(ProjectDocument project, string subject, string deciderName, string comment)
    {
        var request = project.Request;
        var layout = new EmailLayout("Your project was not approved")
            .Paragraph($"Dear {request.Requester.Name},")
            .Paragraph($"{deciderName} did not approve \"{request.Title}\".")
            .Fact("Reference", project.ProjectId)
            .Fact("What was reviewed", subject)
            .Paragraph($"Their reason: {comment}")
            .Paragraph("If you want to discuss this, reply to your sponsor or contact the delivery team.")
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(request.Requester.Email, request.Requester.Name), $"Project not approved: {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
