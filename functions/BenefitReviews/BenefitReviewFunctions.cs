using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.BenefitReviews;

/// <summary>
/// Benefits realisation after closure: <c>PUT /api/projects/{id}/benefits/{benefitId}/reviews/{review}</c> records a
/// review's actual measure (the benefit owner, the sponsor or an Admin); <c>GET /api/projects/{id}/benefits/report</c>
/// is the project's benefits report (each benefit's baseline, target, forecast and reviews with % achieved) and
/// <c>GET /api/benefits/report</c> the portfolio's, from the <c>benefits</c> view, with totals per project and overall.
/// </summary>
public sealed class BenefitReviewFunctions(
    BenefitReviewSteps steps, ProjectRepository projects, BenefitReviewRepository reviews, BenefitRepository forecasts, BenefitsView view, InputLimits limits, PageRenderer pages)
{
    public const string RecordName = "RecordBenefitReview";
    public const string ReportName = "ProjectBenefitsReport";
    public const string ReportPageName = "ProjectBenefitsReportPage";
    public const string PortfolioName = "PortfolioBenefitsReport";
    public const string PortfolioPageName = "PortfolioBenefitsReportPage";

    [Function(RecordName)]
    public async Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/benefits/{benefitId}/reviews/{review}")] HttpRequest req,
        string id, string benefitId, string review, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, open, refusal) = await steps.ForRecordingAsync(id, benefitId, BenefitReviewSteps.ReviewNumber(review), req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<BenefitReviewBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (saved, _, errors) = await steps.RecordAsync(project!, open!, req.HttpContext.User.UserId(), body ?? new BenefitReviewBody(null, null, null), client, cancellationToken);
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(BenefitReviewResponse.From(project!, saved!));
    }

    [Function(ReportName)]
    public async Task<IResult> ReportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/benefits/report")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (report, refusal) = await ProjectReportAsync(id, req, cancellationToken);
        return refusal ?? TypedResults.Ok(BenefitsReportJson.From(report!));
    }

    [Function(ReportPageName)]
    [SignInPage]
    public async Task<IResult> ReportPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/benefits/report/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (report, refusal) = await ProjectReportAsync(id, req, cancellationToken);
        return refusal is not null
            ? await pages.RefusalAsync(req.HttpContext, refusal, "You cannot see this project's benefits")
            : await pages.PageAsync<BenefitsReportPage, BenefitsReportModel>(req.HttpContext, new BenefitsReportModel(report!, null));
    }

    [Function(PortfolioName)]
    public async Task<IResult> PortfolioAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "benefits/report")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return req.HttpContext.User.IsStaff()
            ? TypedResults.Ok(PortfolioBenefitsJson.From(await view.ReadAsync(cancellationToken)))
            : Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "The portfolio's benefits report is for the delivery team and managers.");
    }

    [Function(PortfolioPageName)]
    [SignInPage]
    public async Task<IResult> PortfolioPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "benefits/report/page")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return req.HttpContext.User.IsStaff()
            ? await pages.PageAsync<BenefitsReportPage, BenefitsReportModel>(req.HttpContext, new BenefitsReportModel(null, await view.ReadAsync(cancellationToken)))
            : await pages.MessageAsync(req.HttpContext, new("You cannot see the benefits report", "The portfolio's benefits report is for the delivery team and managers."), StatusCodes.Status403Forbidden);
    }

    private async Task<(ProjectBenefitsReport? Report, IResult? Refusal)> ProjectReportAsync(string id, HttpRequest req, CancellationToken cancellationToken)
    {
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal is not null
            ? (null, refusal)
            : (ProjectBenefitsReport.For(project!, await reviews.ListAsync(project!.ProjectId, cancellationToken), await forecasts.ListAsync(project.ProjectId, cancellationToken)), null);
    }
}

/// <summary>A project's benefits report as JSON: the figures and the totals (computed properties spelled out).</summary>
public sealed record BenefitsReportJson(
    string ProjectId, string Title, ProjectStage Stage, IReadOnlyList<BenefitOutcomeRow> Benefits,
    int ReviewsOpened, int ReviewsRecorded, int ReviewsOutstanding, int BenefitsMeasured, int BenefitsMetTarget, decimal? MeanAchievedPercent)
{
    public static BenefitsReportJson From(ProjectBenefitsReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.ProjectId, r.Title, r.Stage, r.Benefits, r.ReviewsOpened, r.ReviewsRecorded, r.ReviewsOutstanding, r.BenefitsMeasured, r.BenefitsMetTarget, r.MeanAchievedPercent);
    }
}

/// <summary>The portfolio's benefits report as JSON: each project's report and the overall totals.</summary>
public sealed record PortfolioBenefitsJson(
    IReadOnlyList<BenefitsReportJson> Projects, int ReviewsOpened, int ReviewsRecorded, int ReviewsOutstanding, int BenefitsMeasured, int BenefitsMetTarget, decimal? MeanAchievedPercent)
{
    public static PortfolioBenefitsJson From(PortfolioBenefitsReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Projects.Select(BenefitsReportJson.From).ToList(), r.ReviewsOpened, r.ReviewsRecorded, r.ReviewsOutstanding, r.BenefitsMeasured, r.BenefitsMetTarget, r.MeanAchievedPercent);
    }
}
