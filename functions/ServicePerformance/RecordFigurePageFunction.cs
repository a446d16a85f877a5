using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// The <c>RecordFigurePage</c> function: <c>GET/POST /api/projects/{id}/performance/record</c>, the delivery manager
/// recording (or correcting) a measure's figure for a month through the API's own steps; done, it opens the
/// performance page. Sending the same figure twice stores it once.
/// </summary>
public sealed class RecordFigurePageFunction(PerformanceSteps steps, PerformanceRepository performance, InputLimits limits, PageRenderer pages)
{
    private static readonly string[] Fields = ["measureId", "month", "value", "cost", "transactions"];

    [Function("RecordFigurePage")]
    [SignInPage]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/performance/record")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForRecordingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot record this service's performance");
        }

        var record = await performance.GetAsync(project!.ProjectId, cancellationToken);
        var measures = PerformanceFigures.Ordered(record?.Measures ?? []).Select(m => new Choice(m.MeasureId, m.Name)).ToList();
        if (measures.Count == 0)
        {
            return Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/performance/measure");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<RecordFigureView, PerformanceFormModel>(http, new(project, measures, new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sent = Fields.ToDictionary(f => f, f => form[f].ToString().Trim(), StringComparer.Ordinal);
        var notNumbers = new Dictionary<string, string>(StringComparer.Ordinal);
        decimal? Read(string field)
        {
            var n = PerformanceForm.Number(sent[field], out var wrong);
            if (wrong)
            {
                notNumbers[field] = $"Enter the {field} as a number, like 3.25";
            }

            return n;
        }

        var (value, cost, transactions) = (Read("value"), Read("cost"), Read("transactions"));
        if (transactions is { } t && decimal.Truncate(t) != t)
        {
            notNumbers["transactions"] = "Enter the transactions as a whole number";
        }

        PerformanceResult result;
        if (record!.Measure(sent["measureId"]) is null)
        {
            result = PerformanceResult.Invalid(new() { ["measureId"] = ["Choose the measure"] });
        }
        else if (notNumbers.Count > 0)
        {
            result = PerformanceResult.Invalid([]);
        }
        else
        {
            var whole = transactions is { } w && w <= long.MaxValue && w >= long.MinValue ? (long?)decimal.ToInt64(w) : null;
            result = await steps.RecordAsync(project, http.User.UserId(), sent["measureId"], sent["month"], new PointBody(value, cost, whole), cancellationToken);
        }

        return result.Outcome switch
        {
            PerformanceOutcome.Invalid => await pages.PageAsync<RecordFigureView, PerformanceFormModel>(http, new(project, measures, sent, PerformanceForm.Errors(result.Errors, notNumbers)), StatusCodes.Status400BadRequest),
            PerformanceOutcome.NotNow or PerformanceOutcome.NoSuchMeasure => await pages.MessageAsync(http, new("The figure could not be recorded", result.Reason!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/performance/page"),
        };
    }
}
