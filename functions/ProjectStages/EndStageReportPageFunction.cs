using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectStages;

/// <summary>
/// What the end stage report form shows: the stage ending, actual against plan as a report sent now would carry
/// it, the planned stages to start next, the report's earlier version if the gate sent it back, the fields and errors.
/// </summary>
public sealed record EndStageReportFormModel(
    ProjectDocument Project,
    string StageId,
    string StageName,
    IReadOnlyList<StageMeasure> Measures,
    IReadOnlyList<Choice> NextStages,
    EndStageReport? Earlier,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>EndStageReportPage</c> function: <c>GET/POST /api/projects/{id}/stages/{stageId}/end-report/edit</c>, the
/// project manager's end stage report for the current stage: a summary, lessons and the stage to start next, with
/// actual against plan on time, cost, scope, risk and benefits shown from the records; sent through the API's own
/// step (<see cref="StageSteps.ReportAsync"/>) to the stage gate.
/// </summary>
public sealed class EndStageReportPageFunction(StageSteps steps, StageRepository stages, InputLimits limits, TimeProvider clock, PageRenderer pages)
{
    public const string Name = "EndStageReportPage";

    /// <summary>The form's fields in page order.</summary>
    public static readonly string[] Fields = ["summary", "lessons", "nextStageId"];

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/stages/{stageId}/end-report/edit")] HttpRequest req,
        string id, string stageId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForRecordingAsync(id, http.User, "end stage reports", cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot send this report");
        }

        var plan = await stages.ListAsync(project!.ProjectId, cancellationToken);
        if (StageSteps.CurrentStage(project, plan) is not { } current || current.Id != stageId)
        {
            return await pages.MessageAsync(http, new("Not the current stage", "Only the stage now running can be reported as ending. Go back to the delivery controls."), StatusCodes.Status409Conflict);
        }

        var earlier = await stages.GetReportAsync(project.ProjectId, stageId, cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (HttpMethods.IsPost(req.Method))
        {
            var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
            if (form is null || bad is not null)
            {
                return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
            }

            values = Fields.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
            var body = new EndStageBody(Blank(values["summary"]), Blank(values["lessons"]), Blank(values["nextStageId"]));
            var result = await steps.ReportAsync(project, stageId, http.User.UserId(), body, client, cancellationToken);
            if (result.Outcome is StageStepOutcome.Created or StageStepOutcome.Stored)
            {
                return Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/delivery#stages");
            }

            if (result.Outcome == StageStepOutcome.Conflict)
            {
                return await pages.MessageAsync(http, new("The report cannot be sent now", result.Conflict!), StatusCodes.Status409Conflict);
            }

            errors = Fields.Where(result.Errors.ContainsKey).ToDictionary(
                f => f, f => string.IsNullOrWhiteSpace(values[f]) ? Missing(f, result.Errors[f][0]) : result.Errors[f][0], StringComparer.Ordinal);
        }

        var next = plan.Where(s => s.Status == StageStatus.Planned).Select(s => new Choice(s.StageId, s.Name, $"Planned to end {Delivery.Workflows.Notifications.Templates.UkFormat.Date(s.PlannedEnd)}")).ToList();
        var model = new EndStageReportFormModel(project, stageId, current.Name, await steps.MeasuresAsync(project, clock.GetUtcNow(), cancellationToken), next, earlier, values, errors);
        return await pages.PageAsync<EndStageReportFormView, EndStageReportFormModel>(http, model, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static string Missing(string field, string apiMessage) => field switch
    {
        "summary" => "Enter a summary of how the stage went",
        "nextStageId" => "Choose which stage starts next",
        _ => apiMessage,
    };

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
