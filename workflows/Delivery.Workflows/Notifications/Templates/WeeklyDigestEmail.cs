using Delivery.Workflows.Digest;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>The weekly digest for a delivery lead: the portfolio at a glance and what needs chasing.</summary>
public static class WeeklyDigestEmail
{
    public const string Category = "digest";

    public static EmailMessage Build(Person to, DigestFigures figures, DateOnly today, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(figures);
        var layout = new EmailLayout("Weekly delivery digest")
            .Paragraph($"Dear {to.Name},")
            .Paragraph("Projects by stage:");
        foreach (var (stage, count) in figures.ByStage.OrderBy(s => s.Key))
        {
            layout.Fact(stage.ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        layout.Paragraph($"Status of approved projects: {figures.WithinTolerance} within tolerance, {figures.InException} in exception.")
            .Paragraph(figures.NewExceptions.Count == 0 ? "New exceptions in the last week: none." : $"New exceptions in the last week: {figures.NewExceptions.Count}.");
        foreach (var e in figures.NewExceptions)
        {
            layout.Fact($"{e.Title} ({e.ProjectId})", $"{e.Kind} tolerance breached since {UkFormat.Date(e.Since)}");
        }

        layout.Paragraph("Overdue:")
            .Fact("Risk actions past due", Count(figures.OverdueActions))
            .Fact("Risks not reviewed", Count(figures.RisksNotReviewed))
            .Fact("Highlight reports overdue", Count(figures.HighlightReportsOverdue))
            .Paragraph(figures.ApprovalsWaiting.Count == 0 ? "Approvals waiting: none." : "Approvals waiting longest:");
        foreach (var w in figures.ApprovalsWaiting)
        {
            layout.Fact($"{w.Title} ({w.ProjectId})", $"waiting since {UkFormat.Date(w.Since)} for {w.WaitingFor}");
        }

        // Benefits reviews start after closure; until they are recorded there is nothing to schedule.
        layout.Paragraph("Benefits reviews due: none scheduled.")
            .Link("See the portfolio", new Uri(publicBaseUrl, "api/portfolio"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Weekly delivery digest for the week of {UkFormat.Date(today)}", layout.Html(), layout.Text(), Category);
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
