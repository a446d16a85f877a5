using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectHighlights;

/// <summary>What the highlight report form shows: the fields as sent and their errors, and the confidence scale.</summary>
public sealed record HighlightReportFormModel(ProjectDocument Project, IReadOnlyList<string> Scale, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>HighlightReportForm</c> function: <c>GET /api/projects/{id}/highlight-reports/new</c> is the project
/// manager's form for today's highlight report, and its <c>POST</c> sends it through the API's own step
/// (<see cref="HighlightReporting.SendAsync"/>), so its rules, refusals and once-a-day snapshot are the same; every
/// error is shown at once the GOV.UK way, and a sent report opens on the highlight reports page.
/// </summary>
public sealed class HighlightReportFormFunction(HighlightReporting reporting, LifecyclePolicy lifecycle, InputLimits limits, PageRenderer pages)
{
    public const string Name = "HighlightReportForm";

    /// <summary>The form's fields, in page order: the error summary lists them so.</summary>
    public static readonly string[] Fields = ["summary", "thisPeriod", "nextPeriod", "lessons", "deliveryConfidence"];

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/highlight-reports/new")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await reporting.ForSendingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot write this report");
        }

        var scale = DeliveryConfidence.Labels(lifecycle.DeliveryConfidenceScale);
        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<HighlightReportFormView, HighlightReportFormModel>(http, new(project!, scale, new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var values = Fields.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
        var body = new HighlightReportBody(Blank(values["summary"]), Blank(values["thisPeriod"]), Blank(values["nextPeriod"]), Blank(values["lessons"]), Blank(values["deliveryConfidence"]));
        var sent = await reporting.SendAsync(project!, http.User.UserId(), body, client, cancellationToken);
        var path = $"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/highlight-reports";
        return sent.Outcome switch
        {
            HighlightSendOutcome.Invalid => await pages.PageAsync<HighlightReportFormView, HighlightReportFormModel>(
                http,
                new(project, scale, values, Fields.Where(sent.Errors.ContainsKey).ToDictionary(f => f, f => sent.Errors[f][0], StringComparer.Ordinal)),
                StatusCodes.Status400BadRequest),
            HighlightSendOutcome.AlreadySentToday => await pages.MessageAsync(http, new("Today's report has been sent", HighlightReporting.AlreadySentMessage), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"{path}?sent=1"),
        };
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
