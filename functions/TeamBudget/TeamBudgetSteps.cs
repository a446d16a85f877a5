using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.TeamBudget;

namespace Delivery.Functions.TeamBudget;

/// <summary>How setting a team cost ended: stored, the same again (a retry), bad fields, or not now (with the reason).</summary>
public enum TeamCostOutcome
{
    Done,
    Unchanged,
    Invalid,
    NotNow,
}

/// <summary>What setting a team cost did: the entry as stored, the errors by field, or the reason it is not now.</summary>
public sealed record TeamCostResult(TeamCostOutcome Outcome, TeamCostEntry? Entry, Dictionary<string, string[]> Errors, string? Reason = null);

/// <summary>
/// A digital service's team budget, one set of rules for the API and the page: whoever may see the project sees it;
/// only the project's manager (the delivery manager) of an approved digital service whose phases have started sets the
/// team's cost. A cost is stored once under its id, refreshes the tolerance monitor's figures and is audited once.
/// </summary>
public sealed class TeamBudgetSteps(ProjectRepository projects, ServiceRepository services, TeamBudgetRepository costs, ControlsView controls, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project, or the refusal: 404 when the person may not see it, 403 unless they manage it, 409 unless it is an approved digital service.</summary>
    public async Task<(ProjectDocument? Project, IResult? Refusal)> ForManagingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (project, notFound) = await ForReadingAsync(id, user, cancellationToken);
        if (notFound is not null)
        {
            return (null, notFound);
        }

        if (!ProjectRecordAccess.IsManager(user, project!, directory))
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the service's delivery manager (the project's manager) can set its team's cost."));
        }

        return Refusal(project!) is { } reason ? (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", reason)) : (project, null);
    }

    public Task<(ProjectDocument? Project, IResult? Refusal)> ForReadingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ProjectRecordAccess.ForReadingAsync(id, user, projects, cancellationToken);

    /// <summary>Why the project has no team budget to set now, or null.</summary>
    public static string? Refusal(ProjectDocument project) => ServiceRecordAccess.ClosedReason(project, "a team budget", "a service's team is costed");

    public async Task<TeamCostResult> SetAsync(ProjectDocument project, string costId, TeamCostBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var (entry, errors) = body.Read(costId, project, limits, userId, clock.GetUtcNow());
        if (entry is null)
        {
            return new(TeamCostOutcome.Invalid, null, errors);
        }

        if (await services.GetAsync(project.ProjectId, cancellationToken) is not { Status: ServiceStatus.Active })
        {
            return new(TeamCostOutcome.NotNow, null, errors, "The team is costed while the service runs its phases: start Discovery first (PUT …/service); a stopped or retired service has no team budget.");
        }

        var stored = await costs.AddAsync(project.ProjectId, entry, cancellationToken);
        if (!stored.SameAs(entry))
        {
            return new(TeamCostOutcome.NotNow, stored, errors, $"A different cost was set under {costId} already: give the new one its own id.");
        }

        // The monitor's figures follow the cost, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project.ProjectId, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~team-cost~{costId}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.TeamCostSet,
            Summary = $"The team costs {UkFormat.Money(stored.MonthlyCost)} a month from {stored.EffectiveFrom:yyyy-MM-dd}"
                + (stored.RunRate is null ? $" ({stored.Roles.Count} role{(stored.Roles.Count == 1 ? string.Empty : "s")} at day rates)" : " (run rate)"),
            Subject = costId,
        }, cancellationToken);
        return new(stored.RecordedAt == entry.RecordedAt ? TeamCostOutcome.Done : TeamCostOutcome.Unchanged, stored, errors);
    }

    /// <summary>The service's team budget as at the day, or null when its phases have not started.</summary>
    public async Task<TeamBudgetResponse?> ViewAsync(ProjectDocument project, DateOnly asAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (await services.GetAsync(project.ProjectId, cancellationToken) is not { } service)
        {
            return null;
        }

        var record = await costs.GetAsync(project.ProjectId, cancellationToken);
        var phase = PhaseBudgetFigure.From(service.Current, record);
        var figures = TeamBudgetCalculator.Compute(phase, asAt);
        var tolerance = project.Baseline?.Tolerances.CostPercent;
        var within = tolerance is not { } t || phase.Costs.Count == 0 || figures.VariancePercent is not { } v || Math.Abs(v) <= t;
        return new TeamBudgetResponse(
            project.ProjectId, service.Phase, service.Status, phase.Start, phase.PlannedEnd, figures, tolerance, within, record?.Entries ?? []);
    }
}

/// <summary>
/// A service's team budget as the API shows it: the current phase and its dates, the figures as at a day, the cost
/// tolerance and whether the forecast is within it, and every team cost set (the history).
/// </summary>
public sealed record TeamBudgetResponse(
    string ProjectId,
    ServicePhase Phase,
    ServiceStatus Status,
    DateOnly PhaseStart,
    DateOnly PlannedEnd,
    TeamBudgetFigures Figures,
    decimal? CostTolerancePercent,
    bool WithinTolerance,
    IReadOnlyList<TeamCostEntry> Costs);
