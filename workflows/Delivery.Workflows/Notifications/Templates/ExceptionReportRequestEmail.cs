using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>Asks the project manager for an exception report when the monitor finds a tolerance breached.</summary>
public static class ExceptionReportRequestEmail
{
    public const string Category = "exception-report-request";

    public static string Title(ToleranceKind kind) => kind switch
    {
        ToleranceKind.Cost => "Cost tolerance",
        ToleranceKind.Time => "Time tolerance",
        ToleranceKind.Risk => "Risk tolerance",
        ToleranceKind.RiskActions => "Risk actions tolerance",
        ToleranceKind.Benefits => "Benefits tolerance",
        ToleranceKind.Scope => "Scope tolerance",
        _ => kind.ToString(),
    };

    public static EmailMessage Build(ProjectDocument project, Person projectManager, ToleranceBreach breach, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(projectManager);
        ArgumentNullException.ThrowIfNull(breach);
        var title = project.Request.Title;
        var what = Title(breach.Kind);
        var layout = new EmailLayout(breach.Worsened ? $"{what}: the breach has worsened" : $"{what} exceeded")
            .Paragraph($"Dear {projectManager.Name},")
            .Paragraph($"\"{title}\" is outside the {what.ToLowerInvariant()} the board agreed. Please write an exception report: the cause, its consequences, the options with their effect on the business case, risks and tolerances, your recommendation, and lessons.")
            .Fact("Reference", project.ProjectId)
            .Fact("What was found", breach.Measure)
            .Fact("Found on", UkFormat.Date(breach.DetectedOn))
            .Link("See the project", ApprovalLinks.Project(publicBaseUrl, project.ProjectId))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(projectManager.Email, projectManager.Name), $"{what} exceeded: {title}", layout.Html(), layout.Text(), Category);
    }
}
