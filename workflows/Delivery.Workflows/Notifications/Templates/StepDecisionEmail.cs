using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Tells the requester that one approver has approved and the request has moved on.</summary>
public static class StepDecisionEmail
{
    public const string Category = "approval-decision";

    public static EmailMessage Build(ProjectDocument project, ApprovalStepDocument step, string deciderName)
    {
        var request = project.Request;
        var layout = new EmailLayout("Your project has passed an approval step")
            .Paragraph($"Dear {request.Requester.Name},")
            .Paragraph($"{deciderName} approved \"{request.Title}\" as {step.Label.ToLowerInvariant()}. It now goes to the next approver; you do not need to do anything.")
            .Fact("Reference", project.ProjectId)
            .Fact("What was approved", step.Subject)
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(request.Requester.Email, request.Requester.Name), $"Approval step passed: {request.Title}", layout.Html(), layout.Text(), Category);
    }
}
