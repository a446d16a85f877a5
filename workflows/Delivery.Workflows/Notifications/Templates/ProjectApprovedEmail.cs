using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the requester, sponsor and project manager the project is approved and in initiation.</summary>
public static class ProjectApprovedEmail
{
    public const string Category = "project-approved";

    public static EmailMessage Build(ProjectDocument project, Person to, Person projectManager, decimal approvedBudget, Uri publicBaseUrl)
    {
        var request = project.Request;
        var layout = new EmailLayout("Your project is approved")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{request.Title}\" has been approved and moves to initiation.")
            .Fact("Reference", project.ProjectId)
            .Fact("Approved budget", UkFormat.Money(approvedBudget))
            .Fact("Project manager", projectManager.Name)
            .Paragraph($"What happens next: {projectManager.Name} will plan the project with you and the sponsor.")
            .Link("See the project", ApprovalLinks.Project(publicBaseUrl, project.ProjectId))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Project approved: {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
