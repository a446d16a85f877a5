using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.TeamBudget;

/// <summary>What the team budget page shows: the project, its team budget today, whether the viewer sets the cost, and the form's fields as sent with their errors.</summary>
public sealed record TeamBudgetPageModel(
    ProjectDocument Project, TeamBudgetResponse View, bool IsManager, string CostId, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>Rows of roles the form offers: enough for a small multidisciplinary team; the API takes more.</summary>
    public const int RoleRows = 6;

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The team budget page, <c>GET/POST /api/projects/{id}/team-budget/page</c>: for whoever may see the project, the
/// current phase's budget, spend to date, burn rate, runway and forecast at phase end against the cost tolerance, and
/// every team cost set; for the delivery manager, a form to set the team's cost from a date (a run rate, or roles with
/// day rates) through the API's own step (<see cref="TeamBudgetSteps.SetAsync"/>). The cost id is made from the costs
/// set so far when the form is shown and comes back with it, so sending the form twice sets one cost.
/// </summary>
public sealed class TeamBudgetPageFunction(TeamBudgetSteps steps, ApprovalPolicy directory, InputLimits limits, PageRenderer pages, TimeProvider clock)
{
    private static readonly string[] RoleParts = ["role", "dayRate", "daysPerMonth"];

    [Function("TeamBudgetPage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/team-budget/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = HttpMethods.IsPost(req.Method)
            ? await steps.ForManagingAsync(id, http.User, cancellationToken)
            : await steps.ForReadingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot set this service's team cost");
        }

        var today = ProjectRecordAccess.Today(clock.GetUtcNow());
        if (await steps.ViewAsync(project!, today, cancellationToken) is not { } view)
        {
            return await pages.MessageAsync(http, new("No team budget yet", "The service's phases have not started: its team budget starts with Discovery."), StatusCodes.Status404NotFound);
        }

        var manager = ProjectRecordAccess.IsManager(http.User, project!, directory) && TeamBudgetSteps.Refusal(project!) is null;
        var costId = $"cost-{view.Costs.Count + 1}";
        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<TeamBudgetView, TeamBudgetPageModel>(http, new(project!, view, manager, costId, new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sent = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["effectiveFrom"] = DateField.Compose(form["effectiveFrom-day"], form["effectiveFrom-month"], form["effectiveFrom-year"]),
            ["runRate"] = form["runRate"].ToString(),
        };
        var rows = new List<int>();
        var roles = new List<TeamRoleBody?>();
        for (var i = 0; i < TeamBudgetPageModel.RoleRows; i++)
        {
            foreach (var part in RoleParts)
            {
                sent[$"roles-{i}-{part}"] = form[$"roles-{i}-{part}"].ToString();
            }

            if (RoleParts.Any(part => sent[$"roles-{i}-{part}"].Trim().Length > 0))
            {
                rows.Add(i);
                roles.Add(new TeamRoleBody(sent[$"roles-{i}-role"], Number(sent[$"roles-{i}-dayRate"]), Number(sent[$"roles-{i}-daysPerMonth"])));
            }
        }

        var body = new TeamCostBody(Date(sent["effectiveFrom"]), Number(sent["runRate"]), roles);
        var result = await steps.SetAsync(project!, form["costId"].ToString(), body, http.User.UserId(), cancellationToken);
        return result.Outcome switch
        {
            TeamCostOutcome.Invalid => await pages.PageAsync<TeamBudgetView, TeamBudgetPageModel>(
                http, new(project!, view, manager, costId, sent, TeamCostFormErrors.From(result.Errors, sent, rows)), StatusCodes.Status400BadRequest),
            TeamCostOutcome.NotNow => await pages.MessageAsync(http, new("The team's cost cannot be set now", result.Reason!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/team-budget/page"),
        };
    }

    /// <summary>A number as people type money and days: "£1,250.50" is 1250.50; anything else is none.</summary>
    internal static decimal? Number(string value)
    {
        var plain = value.Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        return decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    internal static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
