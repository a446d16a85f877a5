using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectStages;

/// <summary>What the stage plan form shows: the stage (new or planned), the fields as sent and their errors.</summary>
public sealed record StagePlanModel(ProjectDocument Project, string StageId, bool IsNew, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>StagePlanPage</c> function: <c>GET/POST /api/projects/{id}/stage-plan/{stageId?}</c>, the project manager
/// planning a new delivery stage (its id made for them and kept in the form) or changing a planned one: its name and planned end date,
/// through the API's own step (<see cref="StageSteps.PlanAsync"/>); a planned stage returns to the delivery controls.
/// </summary>
public sealed class StagePlanPageFunction(StageSteps steps, StageRepository stages, InputLimits limits, PageRenderer pages)
{
    public const string Name = "StagePlanPage";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/stage-plan/{stageId?}")] HttpRequest req,
        string id, string? stageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForRecordingAsync(id, http.User, "stages", cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot plan stages");
        }

        var plan = await stages.ListAsync(project!.ProjectId, cancellationToken);
        var existing = stageId is null ? null : plan.FirstOrDefault(s => s.StageId == stageId);
        if (stageId is not null && existing is null)
        {
            return await pages.MessageAsync(http, new("Stage not found", "The project has no such stage. Check the link."), StatusCodes.Status404NotFound);
        }

        var stage = stageId ?? NewStageId(plan);
        if (!HttpMethods.IsPost(req.Method))
        {
            var values = existing is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["name"] = existing.Name, ["plannedEnd"] = existing.PlannedEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            return await pages.PageAsync<StagePlanView, StagePlanModel>(http, new(project, stage, existing is null, values, new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        // A new stage's id was made when the form was shown and comes back with it, so sending twice plans one stage.
        stage = stageId ?? form["stageId"].ToString();
        var sent = new Dictionary<string, string>
        {
            ["name"] = form["name"].ToString(),
            ["plannedEnd"] = DateField.Compose(form["plannedEnd-day"], form["plannedEnd-month"], form["plannedEnd-year"]),
        };
        var date = DateOnly.TryParseExact(sent["plannedEnd"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var result = await steps.PlanAsync(project, stage, http.User.UserId(), new StageBody(sent["name"], date), cancellationToken);
        if (result.Outcome == StageStepOutcome.Invalid)
        {
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            if (result.Errors.ContainsKey("name"))
            {
                errors["name"] = string.IsNullOrWhiteSpace(sent["name"]) ? "Enter the stage's name" : result.Errors["name"][0];
            }

            if (result.Errors.ContainsKey("stageId"))
            {
                errors["name"] = "The form was changed: start again from the delivery controls";
            }

            if (result.Errors.ContainsKey("plannedEnd"))
            {
                errors["plannedEnd"] = sent["plannedEnd"].Length == 0 ? "Enter the date the stage is planned to end"
                    : date is null ? "The planned end must be a real date, like 31 3 2027" : result.Errors["plannedEnd"][0];
            }

            return await pages.PageAsync<StagePlanView, StagePlanModel>(http, new(project, stage, existing is null, sent, errors), StatusCodes.Status400BadRequest);
        }

        return result.Outcome == StageStepOutcome.Conflict
            ? await pages.MessageAsync(http, new("This stage cannot be changed now", result.Conflict!), StatusCodes.Status409Conflict)
            : Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/delivery#stages");
    }

    /// <summary>The next unused <c>stage-N</c>, so a person planning a stage never has to choose an id.</summary>
    private static string NewStageId(IReadOnlyList<DeliveryStage> plan)
    {
        var n = plan.Count + 1;
        while (plan.Any(s => s.StageId == $"stage-{n}"))
        {
            n++;
        }

        return $"stage-{n}";
    }
}
