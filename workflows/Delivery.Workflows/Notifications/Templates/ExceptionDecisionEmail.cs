using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the project manager (and, when it is to close early, the sponsor) how an exception report was decided.</summary>
public static class ExceptionDecisionEmail
{
    public const string Category = "exception-decision";

    public static EmailMessage Build(ProjectDocument project, Person to, string exceptionId, ApprovalOutcome outcome, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(to);
        var title = project.Request.Title;
        var (heading, body) = outcome switch
        {
            ApprovalOutcome.Approved => ("Exception plan approved", "The exception plan is approved. The project is re-baselined to it; the earlier baseline is kept in its record."),
            ApprovalOutcome.ChangesRequested => ("More information needed", "More information is needed before the exception report can be decided. See the approver's comment on the project page and send the report again."),
            _ => ("The project is to close early", "The exception report was not accepted: the project moves to closure, to close early."),
        };
        var layout = new EmailLayout(heading)
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{title}\", exception {exceptionId}: {body}")
            .Fact("Reference", project.ProjectId)
            .Link("See the delivery controls", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.ProjectId)}/delivery"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"{heading}: {title}", layout.Html(), layout.Text(), Category);
    }
}
