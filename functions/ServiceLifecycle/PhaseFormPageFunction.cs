using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ServiceLifecycle;

/// <summary>What the phase form shows: the phase being planned, the move's id, the directory's people, the fields as sent and their errors.</summary>
public sealed record PhaseFormModel(
    ProjectDocument Project, ServicePhase Phase, string? MoveId, IReadOnlyList<Approver> People, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> Team, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>PhaseFormPage</c> function: <c>GET/POST /api/projects/{id}/service/next-phase</c>, the delivery manager
/// planning the service's next phase (Discovery to start it, then each phase in turn): goals, team, budget, start and
/// planned end, through the API's own steps (<see cref="ServiceSteps.StartAsync"/>, <see cref="ServiceSteps.MoveAsync"/>).
/// A move's id is made from the moves decided so far when the form is shown and comes back with it, so sending the
/// form twice is one move. Done, it opens the service page.
/// </summary>
public sealed class PhaseFormPageFunction(ServiceSteps steps, ServiceRepository services, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    [Function("PhaseFormPage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/service/next-phase")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForManagingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot plan this service's phases");
        }

        var service = await services.GetAsync(project!.ProjectId, cancellationToken);
        var phase = service is null ? ServicePhase.Discovery : service.Phase.Next();
        if (phase is null || service is { Status: not ServiceStatus.Active } || service?.Pending is not null)
        {
            return await pages.MessageAsync(http, new("There is no phase to plan now", service?.Pending is not null
                ? "A move waits for the sponsor's decision."
                : "The service has stopped or retired."), StatusCodes.Status409Conflict);
        }

        var moveId = service is null ? null : $"move-{service.Moves.Count + 1}";
        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<PhaseFormView, PhaseFormModel>(http, new(project, phase.Value, moveId, directory.People, new Dictionary<string, string>(), new HashSet<string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sent = new Dictionary<string, string>
        {
            ["goals"] = form["goals"].ToString(),
            ["budget"] = form["budget"].ToString(),
            ["start"] = DateField.Compose(form["start-day"], form["start-month"], form["start-year"]),
            ["plannedEnd"] = DateField.Compose(form["plannedEnd-day"], form["plannedEnd-month"], form["plannedEnd-year"]),
        };
        var team = form["teamIds"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!).ToList();
        var budget = decimal.TryParse(sent["budget"].Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var b) ? b : (decimal?)null;
        var body = new PhaseBody(phase.ToString(), sent["goals"], team, budget, Date(sent["start"]), Date(sent["plannedEnd"]));
        var sentMoveId = form["moveId"].ToString();
        var result = service is null
            ? await steps.StartAsync(project, http.User.UserId(), body, client, cancellationToken)
            : await steps.MoveAsync(project, http.User.UserId(), sentMoveId, body, client, cancellationToken);
        if (result.Outcome == ServiceOutcome.Invalid)
        {
            var errors = Errors(result.Errors, sent, budget);
            return await pages.PageAsync<PhaseFormView, PhaseFormModel>(http, new(project, phase.Value, moveId, directory.People, sent, team.ToHashSet(StringComparer.OrdinalIgnoreCase), errors), StatusCodes.Status400BadRequest);
        }

        return result.Outcome == ServiceOutcome.NotNow
            ? await pages.MessageAsync(http, new("The service cannot move on now", result.Reason!), StatusCodes.Status409Conflict)
            : Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/service/page");
    }

    private static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The API's errors in the form's words, one per field.</summary>
    private static Dictionary<string, string> Errors(Dictionary<string, string[]> api, Dictionary<string, string> sent, decimal? budget)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (api.ContainsKey("goals"))
        {
            errors["goals"] = string.IsNullOrWhiteSpace(sent["goals"]) ? "Enter the phase's goals" : api["goals"][0];
        }

        if (api.Keys.FirstOrDefault(k => k.StartsWith("teamIds", StringComparison.Ordinal)) is { } team)
        {
            errors["teamIds"] = team == "teamIds" ? "Choose the people in the team" : api[team][0];
        }

        if (api.ContainsKey("budget"))
        {
            errors["budget"] = budget is null ? "Enter the budget in pounds, like 40000" : api["budget"][0];
        }

        foreach (var (field, words) in new[] { ("start", "the phase starts"), ("plannedEnd", "the phase is planned to end") })
        {
            if (api.ContainsKey(field))
            {
                errors[field] = sent[field].Length == 0 ? $"Enter the date {words}" : Date(sent[field]) is null ? "The date must be a real date, like 31 3 2027" : api[field][0];
            }
        }

        if (errors.Count == 0)
        {
            errors["goals"] = "The form was changed: start again from the service page";
        }

        return errors;
    }
}
