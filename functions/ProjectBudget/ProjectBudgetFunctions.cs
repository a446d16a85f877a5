using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectBudget;

/// <summary>
/// The budget's functions: <c>POST /api/projects/{id}/spend</c> records money spent, <c>POST
/// /api/projects/{id}/forecast</c> a new forecast of the cost at completion, and <c>GET /api/projects/{id}/budget</c>
/// shows approved, actual (capital and revenue), forecast and variance with every entry. Each record is created once
/// under the recorder's entry id and audited once: a retry answers 200 with what was recorded, and the same id with
/// other content is refused (409). Spending may name one of the project's suppliers (<c>supplierId</c>), to count
/// against its statement of work.
/// </summary>
public sealed class ProjectBudgetFunctions(ProjectRepository projects, ControlsView controls, BudgetRepository budget, SpendRecording spending, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SpendName = "RecordSpend";
    public const string ForecastName = "RecordForecast";
    public const string BudgetName = "GetBudget";

    [Function(SpendName)]
    public async Task<IResult> SpendAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/spend")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, req.HttpContext.User, projects, directory, "spending and forecasts", (" or Finance", u => u.IsInRole(Roles.Finance)), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<SpendBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await spending.RecordAsync(project!, body ?? new SpendBody(null, null, null, null, null, null, null), req.HttpContext.User.UserId(), cancellationToken);
        return result.Outcome switch
        {
            SendOutcome.Invalid => Problems.Validation(result.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
            SendOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Entry id already used", $"Spend entry {result.Entry!.EntryId} was recorded with other details. Use a new entry id for new spending."),
            SendOutcome.Sent => TypedResults.Created($"/api/projects/{project!.ProjectId}/budget", result.Entry),
            _ => TypedResults.Ok(result.Entry),
        };
    }

    [Function(ForecastName)]
    public async Task<IResult> ForecastAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/forecast")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, req.HttpContext.User, projects, directory, "spending and forecasts", (" or Finance", u => u.IsInRole(Roles.Finance)), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<ForecastBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        var (forecast, errors) = (body ?? new ForecastBody(null, null, null, null))
            .Read(project!.ProjectId, req.HttpContext.User.UserId(), ProjectRecordAccess.Today(now), ProjectRecordAccess.Start(project), limits, now);
        if (forecast is null)
        {
            return Problems.Validation(errors);
        }

        var stored = await budget.RecordForecastAsync(forecast, cancellationToken);
        if (!stored.SameAs(forecast))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Entry id already used", $"Forecast {forecast.EntryId} was recorded with other details. Use a new entry id for a new forecast.");
        }

        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project!, cancellationToken);
        await AuditAsync(project, $"forecast~{forecast.EntryId}", AuditAction.ForecastRecorded, stored.RecordedBy,
            $"Cost at completion forecast at {UkFormat.Money(stored.AtCompletion)}", stored.RecordedAt, cancellationToken, stored.Reason);
        return stored.RecordedAt == forecast.RecordedAt ? TypedResults.Created($"/api/projects/{project.ProjectId}/budget", stored) : TypedResults.Ok(stored);
    }

    [Function(BudgetName)]
    public async Task<IResult> BudgetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/budget")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok(await budget.SummaryAsync(project!.ProjectId, project.Baseline?.ApprovedBudget ?? 0m, cancellationToken));
    }

    /// <summary>Audited once per entry, under a key of its own: a retry finds the entry there and adds nothing.</summary>
    private Task<bool> AuditAsync(ProjectDocument project, string key, AuditAction action, string actor, string summary, DateTimeOffset at, CancellationToken cancellationToken, string? comment = null) =>
        audit.AppendAsync($"{project.ProjectId}~{key}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = at,
            Actor = actor,
            Action = action,
            Summary = summary,
            Comment = comment,
        }, cancellationToken);
}
