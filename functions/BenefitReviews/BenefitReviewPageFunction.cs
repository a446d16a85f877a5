using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.BenefitReviews;

/// <summary>What the benefits review form shows: the benefit's promise, the review, the fields and errors.</summary>
public sealed record BenefitReviewFormModel(
    ProjectDocument Project, ExpectedBenefit Benefit, BenefitReview Review, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The errors for the summary, the date's linked to its day box.</summary>
    public IReadOnlyDictionary<string, string> SummaryErrors =>
        Errors.ToDictionary(e => e.Key == "measuredOn" ? "measuredOn-day" : e.Key, e => e.Value, StringComparer.Ordinal);
}

/// <summary>
/// The <c>BenefitReviewPage</c> function: <c>GET/POST /api/projects/{id}/benefits/{benefitId}/reviews/{review}/page</c>,
/// the link in the benefit owner's email: the benefit's baseline and target and a form for the actual measure, the
/// date it was measured and a comment, recorded through the API's own step (<see cref="BenefitReviewSteps.RecordAsync"/>).
/// </summary>
public sealed class BenefitReviewPageFunction(BenefitReviewSteps steps, InputLimits limits, PageRenderer pages)
{
    public const string Name = "BenefitReviewPage";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/benefits/{benefitId}/reviews/{review}/page")] HttpRequest req,
        string id, string benefitId, string review, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, open, refusal) = await steps.ForRecordingAsync(id, benefitId, BenefitReviewSteps.ReviewNumber(review), http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot record this benefits review");
        }

        var benefit = BenefitForecast.Measurable(project!, benefitId).Benefit!;
        if (!HttpMethods.IsPost(req.Method))
        {
            var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
            if (open!.Recorded)
            {
                recorded["actual"] = open.Actual!.Value.ToString(CultureInfo.InvariantCulture);
                recorded["measuredOn"] = open.MeasuredOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                recorded["comment"] = open.Comment ?? string.Empty;
            }

            return await pages.PageAsync<BenefitReviewFormView, BenefitReviewFormModel>(http, new(project!, benefit, open, recorded, new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["actual"] = form["actual"].ToString().Trim(),
            ["measuredOn"] = DateField.Compose(form["measuredOn-day"], form["measuredOn-month"], form["measuredOn-year"]),
            ["comment"] = form["comment"].ToString(),
        };
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        decimal? actual = decimal.TryParse(values["actual"].Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null;
        DateOnly? measuredOn = DateOnly.TryParseExact(values["measuredOn"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var (saved, _, apiErrors) = await steps.RecordAsync(project!, open!, http.User.UserId(), new BenefitReviewBody(actual, measuredOn, values["comment"]), client, cancellationToken);
        foreach (var field in new[] { "actual", "measuredOn", "comment" })
        {
            if (apiErrors.TryGetValue(field, out var messages))
            {
                errors[field] = field switch
                {
                    "actual" when values["actual"].Length > 0 && actual is null => "The actual measure must be a number, like 12.5",
                    "measuredOn" when values["measuredOn"].Length > 0 && measuredOn is null => "Enter a real date the measure was taken, like 31 1 2027",
                    _ => messages[0].TrimEnd('.'),
                };
            }
        }

        if (errors.Count > 0)
        {
            return await pages.PageAsync<BenefitReviewFormView, BenefitReviewFormModel>(http, new(project!, benefit, open!, values, errors), StatusCodes.Status400BadRequest);
        }

        var response = BenefitReviewResponse.From(project!, saved!);
        var achieved = response.AchievedPercent is { } p ? $" That is {p.ToString("0.#", CultureInfo.InvariantCulture)}% of the improvement the business case promised." : string.Empty;
        return await pages.MessageAsync(http, new("Benefits review recorded",
            $"Review {saved!.Review} of \"{benefit.Measure}\" for {project!.Request.Title} is recorded: {response.Actual?.ToString(CultureInfo.InvariantCulture)} against a baseline of {benefit.Baseline} and a target of {benefit.Target}.{achieved}"), StatusCodes.Status200OK);
    }
}
