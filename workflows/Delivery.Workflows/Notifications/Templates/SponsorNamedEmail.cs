using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells a person they have been named as a project's sponsor, so nobody is made a sponsor without knowing it.</summary>
public static class SponsorNamedEmail
{
    public const string Category = "sponsor-named";

    public static EmailMessage Build(ProjectDocument project, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        var request = project.Request;
        var layout = new EmailLayout("You have been named as a project sponsor")
            .Paragraph($"Dear {request.Sponsor.Name},")
            .Paragraph($"{request.Requester.Name} has named you as the sponsor of \"{request.Title}\", a project request received on {UkFormat.Date(project.SubmittedAt)}.")
            .Fact("Reference", project.ProjectId)
            .Fact("Estimated cost", UkFormat.Money(request.EstimatedCost.Total))
            .Fact("Requested by", request.Requester.Name)
            .Paragraph("As sponsor you are accountable for the project's business case and its benefits. If you did not agree to sponsor it, reply to the requester or tell the delivery team.")
            .Link("See the project request", ApprovalLinks.Project(publicBaseUrl, project.ProjectId))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(
            new EmailAddress(request.Sponsor.Email, request.Sponsor.Name),
            $"You are the named sponsor of {request.Title}",
            layout.Html(),
            layout.Text(),
            Category);
    }
}
