using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Benefits;

/// <summary>
/// One review of a benefit as reports show it: the actual against baseline and target, and how far an unrecorded one
/// has been chased (its owner reminded, then the sponsor told).
/// </summary>
/// <remarks>
/// <paramref name="Reminded"/> comes last with a default so rows stored before it existed still read (as not
/// reminded) until the next refresh or view rebuild rewrites them.
/// </remarks>
public sealed record ReviewFigure(int Review, DateTimeOffset DueAt, string OwnerId, decimal? Actual, DateOnly? MeasuredOn, decimal? AchievedPercent, decimal? Shortfall, bool Escalated, bool Reminded = false);

/// <summary>One benefit of a project: what the business case predicted (baseline to target by a date), the latest forecast and each review.</summary>
public sealed record BenefitOutcomeRow(string BenefitId, string Measure, string Baseline, string Target, DateOnly By, decimal? Forecast, IReadOnlyList<ReviewFigure> Reviews)
{
    /// <summary>The latest recorded review's achievement, when a review was recorded and the benefit is a figure.</summary>
    public decimal? LatestAchievedPercent => Reviews.LastOrDefault(r => r.AchievedPercent is not null)?.AchievedPercent;
}

/// <summary>
/// A project's benefits report: each benefit's promise, forecast and reviews, and its totals: reviews opened,
/// recorded and outstanding, benefits measured, benefits that met their target at their latest review, and the mean
/// of the latest achieved percentages.
/// </summary>
public sealed record ProjectBenefitsReport(string ProjectId, string Title, ProjectStage Stage, IReadOnlyList<BenefitOutcomeRow> Benefits)
{
    public int ReviewsOpened => Benefits.Sum(b => b.Reviews.Count);

    public int ReviewsRecorded => Benefits.Sum(b => b.Reviews.Count(r => r.Actual is not null));

    public int ReviewsOutstanding => ReviewsOpened - ReviewsRecorded;

    public int BenefitsMeasured => Benefits.Count(b => b.LatestAchievedPercent is not null);

    public int BenefitsMetTarget => Benefits.Count(b => b.LatestAchievedPercent >= 100m);

    public decimal? MeanAchievedPercent => Mean(Benefits.Select(b => b.LatestAchievedPercent));

    public static decimal? Mean(IEnumerable<decimal?> values)
    {
        var known = values.OfType<decimal>().ToList();
        return known.Count == 0 ? null : Math.Round(known.Average(), 1, MidpointRounding.AwayFromZero);
    }

    public static ProjectBenefitsReport For(ProjectDocument project, IReadOnlyList<BenefitReview> reviews, IReadOnlyList<BenefitForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(forecasts);
        var rows = project.Request.Benefits.Select((benefit, i) =>
        {
            var id = BenefitForecast.BenefitIdFor(i);
            var (measurable, baseline, target) = BenefitForecast.Measurable(project, id);
            var figures = reviews.Where(r => r.BenefitId == id).OrderBy(r => r.Review).Select(r =>
            {
                var figure = measurable is not null && baseline != target && r.Actual is { } actual;
                return new ReviewFigure(r.Review, r.DueAt, r.OwnerId, r.Actual, r.MeasuredOn,
                    figure ? BenefitOutcome.AchievedPercent(baseline, target, r.Actual!.Value) : null,
                    figure ? BenefitOutcome.Shortfall(baseline, target, r.Actual!.Value) : null,
                    r.EscalatedAt is not null,
                    r.RemindedAt is not null);
            }).ToList();
            return new BenefitOutcomeRow(id, benefit.Measure, benefit.Baseline, benefit.Target, benefit.Date, forecasts.FirstOrDefault(f => f.BenefitId == id)?.Forecast, figures);
        }).ToList();
        return new ProjectBenefitsReport(project.ProjectId, project.Request.Title, project.Stage, rows);
    }
}
