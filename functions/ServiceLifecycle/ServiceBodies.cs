using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.ServiceLifecycle;

/// <summary>
/// A phase's plan as sent to <c>PUT /api/projects/{id}/service</c> (Discovery) and with <c>to</c> to
/// <c>POST …/service/moves/{moveId}</c> (the next phase): goals, team (directory ids), budget, start and planned end.
/// </summary>
public sealed record PhaseBody(string? To, string? Goals, IReadOnlyList<string?>? TeamIds, decimal? Budget, DateOnly? Start, DateOnly? PlannedEnd)
{
    public static PhaseBody Empty { get; } = new(null, null, null, null, null, null);

    /// <summary>Every bad field, and the plan for <paramref name="phase"/> when there is none.</summary>
    public (PhasePlan? Plan, Dictionary<string, string[]> Errors) Read(ServicePhase phase, ProjectDocument project, ApprovalPolicy directory, InputLimits limits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Text("goals", Goals, limits.MaxTextLength, required: true, errors);
        var team = TeamIds ?? [];
        if (team.Count == 0 || team.Count > limits.MaxListItems)
        {
            errors["teamIds"] = [$"Name the team: 1 to {limits.MaxListItems} people's ids in the directory."];
        }

        for (var i = 0; i < Math.Min(team.Count, limits.MaxListItems); i++)
        {
            RecordRules.Person($"teamIds[{i}]", team[i], directory, errors);
        }

        RecordRules.Amount("budget", Budget, limits, errors);
        RecordRules.PlanDate("start", Start, ProjectRecordAccess.Start(project), today, limits, required: true, errors);
        RecordRules.PlanDate("plannedEnd", PlannedEnd, ProjectRecordAccess.Start(project), today, limits, required: true, errors);
        if (Start is { } s && PlannedEnd is { } e && e < s && !errors.ContainsKey("plannedEnd"))
        {
            errors["plannedEnd"] = ["The planned end cannot be before the start."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var ids = team.Select(id => directory.Find(id)!.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (new PhasePlan(phase, Goals!.Trim(), ids, Budget!.Value, Start!.Value, PlannedEnd!.Value), errors);
    }
}

/// <summary>Why the service stops after Discovery or Alpha, as sent to <c>POST /api/projects/{id}/service/stop</c>.</summary>
public sealed record StopBody(string? Reasons)
{
    public static StopBody Empty { get; } = new((string?)null);
}
