using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;

namespace Delivery.Workflows.Digest;

/// <summary>A project waiting for an approval decision, and since when.</summary>
public sealed record WaitingApproval(string ProjectId, string Title, string WaitingFor, DateOnly Since);

/// <summary>An exception (a tolerance breach) opened in the last week.</summary>
public sealed record NewException(string ProjectId, string Title, string Kind, DateOnly Since);

/// <summary>
/// The week's figures for delivery leads, read from the portfolio, controls and benefits view partitions: projects by
/// stage, the approved projects within tolerance and in exception, exceptions opened in the last seven days, overdue
/// items, the approvals that have waited longest and the benefits reviews open.
/// </summary>
public sealed record DigestFigures
{
    public required IReadOnlyDictionary<ProjectStage, int> ByStage { get; init; }

    public required int WithinTolerance { get; init; }

    public required int InException { get; init; }

    public required IReadOnlyList<NewException> NewExceptions { get; init; }

    public required int OverdueActions { get; init; }

    public required int RisksNotReviewed { get; init; }

    public required int HighlightReportsOverdue { get; init; }

    /// <summary>The longest-waiting approvals, oldest first (at most <see cref="WeeklyDigest.LongestWaiting"/>).</summary>
    public required IReadOnlyList<WaitingApproval> ApprovalsWaiting { get; init; }

    /// <summary>Every benefits review opened and not yet recorded, earliest due first.</summary>
    public required IReadOnlyList<DueBenefitReview> BenefitReviewsDue { get; init; }

    /// <summary>Gathers the figures from every page of the three views, as they are read.</summary>
    public static async Task<DigestFigures> ReadAsync(PortfolioView portfolio, ControlsView controls, BenefitsView benefits, DateOnly today, int riskReviewDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(benefits);
        var byStage = new Dictionary<ProjectStage, int>();
        var waiting = new List<WaitingApproval>();
        await foreach (var row in portfolio.AllAsync(new PortfolioFilter(), cancellationToken))
        {
            byStage[row.Stage] = byStage.GetValueOrDefault(row.Stage) + 1;
            if (row.Stage == ProjectStage.Approval)
            {
                waiting.Add(new WaitingApproval(row.Id, row.Title, row.WaitingFor, DateOnly.FromDateTime(row.StageSince.UtcDateTime)));
            }
        }

        int within = 0, inException = 0, actions = 0, reviews = 0, highlights = 0;
        var weekAgo = today.AddDays(-7);
        var exceptions = new List<NewException>();
        await foreach (var page in controls.PagesAsync(ToleranceSweep.PageSize, cancellationToken))
        {
            foreach (var figures in page.Where(f => f.Active))
            {
                _ = figures.OpenEpisodes.Count > 0 ? inException++ : within++;
                exceptions.AddRange(figures.OpenEpisodes.Where(e => e.Value.Since > weekAgo).Select(e => new NewException(figures.Id, figures.Title, e.Key, e.Value.Since)));
                actions += figures.Reminders.Count(r => r.Kind == ReminderKind.Action && r.Date < today);
                reviews += figures.Reminders.Count(r => r.Kind == ReminderKind.RiskReview && r.Date.AddDays(riskReviewDays) < today);
                highlights += figures.HighlightDue is { } due && due < today ? 1 : 0;
            }
        }

        // One query of the benefits partition, the same read as the portfolio's benefits report.
        var reviewsDue = DueBenefitReview.From(await benefits.ReadAsync(cancellationToken));
        return new DigestFigures
        {
            ByStage = byStage,
            WithinTolerance = within,
            InException = inException,
            NewExceptions = exceptions.OrderBy(e => e.Since).ThenBy(e => e.ProjectId, StringComparer.Ordinal).ToList(),
            OverdueActions = actions,
            RisksNotReviewed = reviews,
            HighlightReportsOverdue = highlights,
            ApprovalsWaiting = waiting.OrderBy(w => w.Since).ThenBy(w => w.ProjectId, StringComparer.Ordinal).Take(WeeklyDigest.LongestWaiting).ToList(),
            BenefitReviewsDue = reviewsDue,
        };
    }
}
