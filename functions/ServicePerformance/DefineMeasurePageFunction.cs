using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// The <c>DefineMeasurePage</c> function: <c>GET/POST /api/projects/{id}/performance/measure</c>, the delivery manager
/// defining one of the GOV.UK KPIs (its definition and target) or a measure of the service's own (also its id, name,
/// unit and direction) through the API's own steps; done, it opens the performance page.
/// </summary>
public sealed class DefineMeasurePageFunction(PerformanceSteps steps, InputLimits limits, PageRenderer pages)
{
    private static readonly string[] Fields = ["measure", "ownId", "name", "unit", "betterWhen", "definition", "target"];

    public const string Own = "own";

    public static IReadOnlyList<Choice> Choices { get; } = [.. Kpis.All.Select(k => new Choice(k.MeasureId, k.Name)), new Choice(Own, "A measure of the service's own")];

    [Function("DefineMeasurePage")]
    [SignInPage]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/performance/measure")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForRecordingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot define this service's measures");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<DefineMeasureView, PerformanceFormModel>(http, new(project!, Choices, new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sent = Fields.ToDictionary(f => f, f => form[f].ToString().Trim(), StringComparer.Ordinal);
        var own = sent["measure"] == Own;
        var target = PerformanceForm.Number(sent["target"], out var notNumber);
        var notNumbers = notNumber ? new Dictionary<string, string> { ["target"] = "Enter the target as a number, like 85" } : [];
        PerformanceResult result;
        if (!Choices.Any(c => c.Value == sent["measure"]))
        {
            result = PerformanceResult.Invalid(new() { ["measure"] = ["Choose the measure"] });
        }
        else if (notNumber)
        {
            result = PerformanceResult.Invalid([]);
        }
        else
        {
            var body = own
                ? new MeasureBody(sent["name"], sent["definition"], Blank(sent["unit"]), Blank(sent["betterWhen"]), target)
                : new MeasureBody(null, sent["definition"], null, null, target);
            result = await steps.DefineMeasureAsync(project!, http.User.UserId(), own ? sent["ownId"] : sent["measure"], body, cancellationToken);
        }

        if (result.Outcome == PerformanceOutcome.Invalid)
        {
            var errors = PerformanceForm.Errors(result.Errors.ToDictionary(e => e.Key == "measureId" ? "ownId" : e.Key, e => e.Value), notNumbers);
            return await pages.PageAsync<DefineMeasureView, PerformanceFormModel>(http, new(project!, Choices, sent, errors), StatusCodes.Status400BadRequest);
        }

        return result.Outcome == PerformanceOutcome.NotNow
            ? await pages.MessageAsync(http, new("The measure could not be defined", result.Reason!), StatusCodes.Status409Conflict)
            : Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/performance/page");
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
