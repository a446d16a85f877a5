using Delivery.Workflows.Highlights;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>A highlight report as sent to the sponsor and stakeholders: the manager's words and the status the records give.</summary>
public static class HighlightReportEmail
{
    public const string Category = "highlight-report";

    public static EmailMessage Build(ProjectDocument project, Person to, HighlightReport report, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(report);
        var title = project.Request.Title;
        var layout = new EmailLayout($"Highlight report: {UkFormat.Date(report.ReportDate)}")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"The highlight report for \"{title}\", covering {UkFormat.Date(report.PeriodFrom)} to {UkFormat.Date(report.ReportDate)}.")
            .Fact("Reference", project.ProjectId)
            .Fact("Delivery confidence", report.DeliveryConfidence)
            .Fact("Summary", report.Summary);
        foreach (var status in report.Facts.Statuses)
        {
            layout.Fact(status.Dimension, $"{status.Status}: {status.Reading}");
        }

        layout.Fact("This period", report.ThisPeriod)
            .Fact("Next period", report.NextPeriod)
            .Fact("Open exceptions", report.Facts.OpenExceptions.Count == 0 ? "None" : string.Join("; ", report.Facts.OpenExceptions.Select(e => $"{e.ExceptionId} ({e.Status})")))
            .Fact("Top risks", report.Facts.TopRisks.Count == 0 ? "None open" : string.Join("; ", report.Facts.TopRisks.Select(r => $"{r.Title} (score {r.Score})")))
            .Fact("Open issues", report.Facts.OpenIssues.Count == 0 ? "None" : string.Join("; ", report.Facts.OpenIssues.Select(i => i.Title)))
            .Link("Read the highlight reports", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.ProjectId)}/highlight-reports"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Highlight report {UkFormat.Date(report.ReportDate)}: {title}", layout.Html(), layout.Text(), Category);
    }
}
