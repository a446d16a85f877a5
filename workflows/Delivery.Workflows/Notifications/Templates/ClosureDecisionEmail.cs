using Delivery.Workflows.Closure;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the project manager how the sponsor decided on their closure request.</summary>
public static class ClosureDecisionEmail
{
    public const string Category = "closure-decision";

    public static EmailMessage Build(ProjectDocument project, Person to, ClosureRequest closure, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(closure);
        var title = project.Request.Title;
        var (heading, body) = closure.Status switch
        {
            ClosureStatus.Approved => ("Project closed", "The sponsor approved closure on the end project report. The project is closed and its open risks and issues have passed to their new owners."),
            ClosureStatus.ChangesRequested => ("Changes asked for before closure", "The sponsor asked for changes before closing the project. See the comment on the project page and send a new closure request."),
            _ => ("Closure rejected", "The sponsor rejected the closure request. See the comment on the project page and send a new one when the project is ready to close."),
        };
        var layout = new EmailLayout(heading)
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{title}\": {body}")
            .Fact("Reference", project.ProjectId)
            .Link("Read the end project report", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.ProjectId)}/closure/report"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"{heading}: {title}", layout.Html(), layout.Text(), Category);
    }
}
