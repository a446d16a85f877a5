using Delivery.Workflows.Approvals;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the project manager how a change request was decided: automatically within their delegation, or by the board.</summary>
public static class ChangeDecisionEmail
{
    public const string Category = "change-decision";

    public static EmailMessage Build(ProjectDocument project, Person to, ChangeRequest change, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(change);
        var title = project.Request.Title;
        var (heading, body) = (change.Decision?.Outcome, change.Decision?.Automatic) switch
        {
            (ApprovalOutcome.Approved, true) => ("Change approved", "It is within your delegated tolerance, so it was approved automatically and the project re-baselined."),
            (ApprovalOutcome.Approved, _) => ("Change approved", "The board approved it. The project is re-baselined to it; the earlier baseline is kept in its record."),
            (ApprovalOutcome.ChangesRequested, _) => ("More information needed", "The board needs more information before deciding. See the comment on the project page and send the change again."),
            _ => ("Change rejected", "The board rejected it: the project carries on to its current baseline."),
        };
        var layout = new EmailLayout(heading)
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"\"{title}\", change {change.ChangeId} ({change.Title}): {body}")
            .Fact("Reference", project.ProjectId)
            .Fact("Cost impact", UkFormat.Money(Math.Abs(change.CostImpact)) + (change.CostImpact < 0 ? " saved" : " added"))
            .Link("See the delivery controls", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.ProjectId)}/delivery"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"{heading}: {title}", layout.Html(), layout.Text(), Category);
    }
}
