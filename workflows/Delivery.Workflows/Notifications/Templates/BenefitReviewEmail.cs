using Delivery.Workflows.Benefits;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>What a benefits review email is: the review opening, a reminder, or the escalation to the sponsor.</summary>
public enum BenefitReviewNotice
{
    Due,
    Reminder,
    Escalation,
}

/// <summary>Asks a benefit owner to record the actual measure of a benefit at a review, reminds them, or tells the sponsor it is overdue.</summary>
public static class BenefitReviewEmail
{
    public const string Category = "benefit-review";

    public static Uri PageFor(Uri publicBaseUrl, string projectId, string benefitId, int review) =>
        new(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(projectId)}/benefits/{Uri.EscapeDataString(benefitId)}/reviews/{review}/page");

    public static EmailMessage Build(BenefitReviewNotice notice, ProjectDocument project, ExpectedBenefit benefit, BenefitReview review, Person to, string ownerName, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(benefit);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(to);
        var title = project.Request.Title;
        var (heading, body) = notice switch
        {
            BenefitReviewNotice.Due => ("Benefits review due", $"Review {review.Review} of a benefit of \"{title}\" is due. Please record what the measure is now."),
            BenefitReviewNotice.Reminder => ("Reminder: benefits review overdue", $"Review {review.Review} of a benefit of \"{title}\" has not been recorded yet. Please record what the measure is now."),
            _ => ("Benefits review not recorded", $"{ownerName}, the benefit owner, has not recorded review {review.Review} of a benefit of \"{title}\" after a reminder. As sponsor, please make sure it is recorded."),
        };
        var layout = new EmailLayout(heading)
            .Paragraph($"Dear {to.Name},")
            .Paragraph(body)
            .Fact("Reference", project.ProjectId)
            .Fact("Measure", benefit.Measure)
            .Fact("Baseline", benefit.Baseline)
            .Fact("Target", benefit.Target)
            .Fact("Due", UkFormat.Date(review.DueAt))
            .Link("Record the review", PageFor(publicBaseUrl, project.ProjectId, review.BenefitId, review.Review))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"{heading}: {title}", layout.Html(), layout.Text(), Category);
    }
}
