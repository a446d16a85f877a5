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

        var due = figures.BenefitReviewsDue;
        layout.Paragraph(due.Count == 0
            ? "Benefits reviews due: none."
            : $"Benefits reviews due: {Count(due.Count)} ({Count(due.Count(r => r.Overdue))} overdue, {Count(due.Count(r => r.Escalated))} escalated to the sponsor).");
        foreach (var r in due)
        {
            layout.Fact($"{r.Title} ({r.ProjectId})", BenefitReview(r));
        }

        if (due.Count > 0)
        {
            layout.Link("See the benefits report", new Uri(publicBaseUrl, "api/benefits/report/page"));
        }

        layout
            .Link("See the portfolio", new Uri(publicBaseUrl, "api/portfolio"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Weekly delivery digest for the week of {UkFormat.Date(today)}", layout.Html(), layout.Text(), Category);
    }

    /// <summary>"Laptop faults per month, review 1, due 5 January 2027 (overdue, escalated to the sponsor)".</summary>
    public static string BenefitReview(DueBenefitReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var said = $"{review.Measure}, review {Count(review.Review)}, due {UkFormat.Date(review.Due)}";
        return review.Escalated ? said + " (overdue, escalated to the sponsor)"
            : review.Reminded ? said + " (overdue, owner reminded)"
            : said;
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
