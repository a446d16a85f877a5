using Delivery.Workflows.Views;

namespace Delivery.Workflows.Digest;

/// <summary>
/// A benefits review that is open: opened on its due date for the benefit's owner and not yet recorded. It is
/// overdue once its owner has been reminded (<c>Benefits__ReminderAfter</c> after it opened, the point at which the
/// reminder email itself calls it overdue), and escalated once it has gone to the sponsor.
/// </summary>
public sealed record DueBenefitReview(string ProjectId, string Title, string BenefitId, string Measure, int Review, DateOnly Due, bool Reminded, bool Escalated)
{
    /// <summary>An escalated review counts as overdue even if its reminder flag was never stored.</summary>
    public bool Overdue => Reminded || Escalated;

    /// <summary>
    /// Every open review in the benefits view's report, earliest due first (then by project title, benefit and review),
    /// so the review waiting longest heads the list. Recorded reviews are left out.
    /// </summary>
    public static IReadOnlyList<DueBenefitReview> From(PortfolioBenefitsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Projects
            .SelectMany(p => p.Benefits.SelectMany(b => b.Reviews
                .Where(r => r.Actual is null)
                .Select(r => new DueBenefitReview(p.ProjectId, p.Title, b.BenefitId, b.Measure, r.Review, DateOnly.FromDateTime(r.DueAt.UtcDateTime), r.Reminded, r.Escalated))))
            .OrderBy(d => d.Due)
            .ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(d => d.ProjectId, StringComparer.Ordinal)
            .ThenBy(d => d.BenefitId, StringComparer.Ordinal)
            .ThenBy(d => d.Review)
            .ToList();
    }
}
