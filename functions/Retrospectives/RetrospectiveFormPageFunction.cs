using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Retrospectives;

/// <summary>
/// The <c>RetrospectiveFormPage</c> function: <c>GET/POST /api/projects/{id}/retrospectives/new</c>, the delivery
/// manager recording an iteration's retrospective (held on, what went well, what to improve, and up to
/// <see cref="Rows"/> actions each with an owner from the directory and a due date) through the API's own
/// <see cref="CadenceSteps.RecordAsync"/>. The iteration, the next one due when the form is shown, is the record's id,
/// so sending the form twice records once; blank action rows are left out. Done, it opens the retrospectives page.
/// </summary>
public sealed class RetrospectiveFormPageFunction(
    ProjectRepository projects, ServiceRepository services, CadenceRepository cadences, CadenceSteps steps, ApprovalPolicy directory, InputLimits limits, PageRenderer pages, TimeProvider clock)
{
    /// <summary>Action rows on the form: a retrospective agrees a few; more wait for the next one.</summary>
    public const int Rows = 3;

    [Function("RetrospectiveFormPage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/retrospectives/new")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, http.User, projects, services, directory, "retrospectives", teamMayRecord: false, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot record this team's retrospectives");
        }

        if (await cadences.GetAsync(project!.ProjectId, cancellationToken) is null)
        {
            return await pages.MessageAsync(http, new("Set the team's cadence first", "A retrospective belongs to an iteration: set the iteration length on the retrospectives page first."), StatusCodes.Status409Conflict);
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            var next = CadenceReminders.NextDue(await cadences.ListRetrospectivesAsync(project.ProjectId, cancellationToken));
            var shown = new Dictionary<string, string> { ["iteration"] = next.ToString(CultureInfo.InvariantCulture) };
            return await pages.PageAsync<RetrospectiveFormView, TeamFormModel>(http, new(project, shown, new Dictionary<string, string>(), directory.People));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var (body, values, fields) = Read(form);
        var iteration = ServiceRecordAccess.RouteNumber(values["iteration"], CadenceFunctions.MaxIteration);
        CadenceResult<Retrospective> result;
        if (iteration is null)
        {
            // The API's own check of the rest, so one answer lists everything to put right.
            var (_, errors) = body.Read(project, directory, limits, ProjectRecordAccess.Today(clock.GetUtcNow()));
            errors["iteration"] = [$"The iteration is its number, 1 to {CadenceFunctions.MaxIteration}."];
            result = new(ServiceOutcome.Invalid, null, errors);
        }
        else
        {
            result = await steps.RecordAsync(project, http.User.UserId(), iteration.Value, body, cancellationToken);
        }

        return result.Outcome switch
        {
            ServiceOutcome.Invalid => await pages.PageAsync<RetrospectiveFormView, TeamFormModel>(
                http, new(project, values, FormErrors.From(result.Errors, Sent(values, fields), fields, "the retrospectives page"), directory.People), StatusCodes.Status400BadRequest),
            ServiceOutcome.NotNow => await pages.MessageAsync(http, new("The retrospective was not recorded", result.Reason!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/retrospectives/page?recorded={iteration}"),
        };
    }

    /// <summary>
    /// The body the API reads, the values as typed (by the page's field ids) and the fields with their API names:
    /// the API numbers only the rows filled in, so an action's fields are named by that number and shown on its row.
    /// </summary>
    private static (RetrospectiveBody Body, Dictionary<string, string> Values, List<FormField> Fields) Read(IFormCollection form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["iteration"] = form["iteration"].ToString().Trim(),
            ["heldOn"] = DateField.Compose(form["heldOn-day"], form["heldOn-month"], form["heldOn-year"]),
            ["wentWell"] = form["wentWell"].ToString(),
            ["toImprove"] = form["toImprove"].ToString(),
        };
        var fields = new List<FormField>
        {
            new("iteration", "The iteration", "Enter the iteration's number"),
            new("heldOn", "The day it was held", "Enter the day the retrospective was held", IsDate: true),
            new("wentWell", "What went well", "Enter what went well"),
            new("toImprove", "What to improve", "Enter what to improve"),
        };
        var actions = new List<RetrospectiveActionBody?>();
        for (var row = 0; row < Rows; row++)
        {
            var (description, owner, due) = (form[$"actions-{row}-description"].ToString(), form[$"actions-{row}-ownerId"].ToString(), DateField.Compose(form[$"actions-{row}-due-day"], form[$"actions-{row}-due-month"], form[$"actions-{row}-due-year"]));
            (values[$"actions-{row}-description"], values[$"actions-{row}-ownerId"], values[$"actions-{row}-due"]) = (description, owner, due);
            if (string.IsNullOrWhiteSpace(description) && owner.Length == 0 && due.Length == 0)
            {
                continue;
            }

            var n = actions.Count;
            fields.Add(new($"actions[{n}].description", $"The description of action {row + 1}", $"Enter what action {row + 1} is", Id: $"actions-{row}-description"));
            fields.Add(new($"actions[{n}].ownerId", $"The owner of action {row + 1}", $"Choose who owns action {row + 1}", Id: $"actions-{row}-ownerId"));
            fields.Add(new($"actions[{n}].due", $"The due date of action {row + 1}", $"Enter the date action {row + 1} is due", IsDate: true, Id: $"actions-{row}-due"));
            actions.Add(new RetrospectiveActionBody($"a{row + 1}", description, owner.Length == 0 ? null : owner, FormErrors.Date(due)));
        }

        return (new RetrospectiveBody(FormErrors.Date(values["heldOn"]), values["wentWell"], values["toImprove"], actions), values, fields);
    }

    /// <summary>What was typed, by the API's field names, as <see cref="FormErrors"/> reads it.</summary>
    private static Dictionary<string, string> Sent(Dictionary<string, string> values, List<FormField> fields) =>
        fields.ToDictionary(f => f.Name, f => values.GetValueOrDefault(f.Id ?? f.Name) ?? string.Empty, StringComparer.Ordinal);
}
