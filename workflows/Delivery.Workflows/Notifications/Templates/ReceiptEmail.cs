using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the requester their project request has arrived and what happens next.</summary>
public static class ReceiptEmail
{
    public const string Category = "receipt";

    public static EmailMessage Build(ProjectDocument project, Uri publicBaseUrl)
    {
        var request = project.Request;
        var layout = new EmailLayout("We have your project request")
            .Paragraph($"Dear {request.Requester.Name},")
            .Paragraph($"Thank you for your request for \"{request.Title}\". We received it on {UkFormat.Date(project.SubmittedAt)}.")
            .Fact("Reference", project.ProjectId)
            .Fact("Estimated cost", UkFormat.Money(request.EstimatedCost.Total))
            .Fact("Sponsor", request.Sponsor.Name)
            .Paragraph("What happens next: you will be asked for a business case. The right managers will then review it and you will get an email at each step.")
            .Link("See your project request", new Uri(publicBaseUrl, $"api/projects/{project.ProjectId}"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(
            new EmailAddress(request.Requester.Email, request.Requester.Name),
            $"Project request received: {request.Title}",
            layout.Html(),
            layout.Text(),
            Category);
    }
}
