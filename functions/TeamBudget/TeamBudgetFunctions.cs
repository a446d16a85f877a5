using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.TeamBudget;

/// <summary>
/// A digital service's team budget through the API (<see cref="TeamBudgetSteps"/>): <c>PUT
/// /api/projects/{id}/team-budget/costs/{costId}</c> sets the team's cost from a date (run rate or roles with day
/// rates); <c>GET /api/projects/{id}/team-budget</c> shows spend to date, burn rate, runway and forecast at phase end
/// against the phase budget, today or <c>?asAt=yyyy-MM-dd</c>, with every cost set. Sending the same cost again
/// changes nothing.
/// </summary>
public sealed class TeamBudgetFunctions(TeamBudgetSteps steps, InputLimits limits, TimeProvider clock)
{
    public const string SetCostName = "SetTeamCost";
    public const string GetName = "GetTeamBudget";

    [Function(SetCostName)]
    public async Task<IResult> SetCostAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/team-budget/costs/{costId}")] HttpRequest req, string id, string costId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForManagingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<TeamCostBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.SetAsync(project!, costId, body ?? TeamCostBody.Empty, req.HttpContext.User.UserId(), cancellationToken);
        return result.Outcome switch
        {
            TeamCostOutcome.Invalid => Problems.Validation(result.Errors),
            TeamCostOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason!),
            TeamCostOutcome.Done => TypedResults.Created($"/api/projects/{project!.ProjectId}/team-budget", result.Entry),
            _ => TypedResults.Ok(result.Entry),
        };
    }

    [Function(GetName)]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/team-budget")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForReadingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var asAt = ProjectRecordAccess.Today(clock.GetUtcNow());
        var asked = req.Query["asAt"].ToString();
        if (asked.Length > 0)
        {
            // Within the years the limits allow either way, so no day is past the calendar's end in the sums.
            var today = asAt;
            if (!DateOnly.TryParseExact(asked, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asAt))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["asAt"] = ["Give the day as yyyy-MM-dd, like 2027-01-31."] });
            }

            if (asAt < today.AddYears(-limits.MaxYearsBack) || asAt > limits.LatestDate(today))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["asAt"] = [$"Give a day within {limits.MaxYearsBack} years back and {limits.MaxYearsAhead} years ahead."] });
            }
        }

        return await steps.ViewAsync(project!, asAt, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.Status(StatusCodes.Status404NotFound, "No service phases", $"{project!.ProjectId} has not started its service phases, so it has no team budget.");
    }
}
