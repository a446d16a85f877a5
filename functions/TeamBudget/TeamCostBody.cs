using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.TeamBudget;

namespace Delivery.Functions.TeamBudget;

/// <summary>
/// A team cost as sent to <c>PUT /api/projects/{id}/team-budget/costs/{costId}</c>: from when it applies, and either a
/// run rate per month or the roles with their day rates and days a month (not both).
/// </summary>
public sealed record TeamCostBody(DateOnly? EffectiveFrom, decimal? RunRate, IReadOnlyList<TeamRoleBody?>? Roles)
{
    /// <summary>More days than a month has cannot be worked by one role: two people in a role are two roles.</summary>
    public const decimal MaxDaysPerMonth = 31m;

    public static TeamCostBody Empty { get; } = new(null, null, null);

    /// <summary>Every bad field (the cost id too), and the entry when there is none.</summary>
    public (TeamCostEntry? Entry, Dictionary<string, string[]> Errors) Read(string costId, ProjectDocument project, InputLimits limits, string userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(costId))
        {
            errors["costId"] = ["Give the cost an id of 1 to 64 letters, digits, '-' or '_', like cost-1."];
        }

        RecordRules.PlanDate("effectiveFrom", EffectiveFrom, ProjectRecordAccess.Start(project), ProjectRecordAccess.Today(now), limits, required: true, errors);
        var roles = Roles ?? [];
        if (RunRate is not null && roles.Count > 0)
        {
            errors["runRate"] = ["Give a run rate or roles with day rates, not both."];
            errors["roles"] = ["Give roles with day rates or a run rate, not both."];
        }
        else if (RunRate is null && roles.Count == 0)
        {
            errors["runRate"] = ["Give the team's cost per month, or its roles with day rates (roles)."];
        }
        else if (RunRate is not null)
        {
            RecordRules.Amount("runRate", RunRate, limits, errors);
        }
        else if (roles.Count > limits.MaxListItems)
        {
            errors["roles"] = [$"Give 1 to {limits.MaxListItems} roles."];
        }
        else
        {
            for (var i = 0; i < roles.Count; i++)
            {
                ReadRole($"roles[{i}]", roles[i], limits, errors);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var kept = roles.Select(r => new TeamRole(r!.Role!.Trim(), r.DayRate!.Value, r.DaysPerMonth!.Value)).ToList();
        return (new TeamCostEntry(costId, EffectiveFrom!.Value, RunRate, kept, userId, now), errors);
    }

    private static void ReadRole(string at, TeamRoleBody? role, InputLimits limits, Dictionary<string, string[]> errors)
    {
        if (role is null)
        {
            errors[at] = ["Give the role, its day rate and its days a month."];
            return;
        }

        RecordRules.Text($"{at}.role", role.Role, limits.MaxNameLength, required: true, errors);
        RecordRules.Amount($"{at}.dayRate", role.DayRate, limits, errors);
        if (role.DaysPerMonth is not { } days)
        {
            errors[$"{at}.daysPerMonth"] = ["Enter the days a month the role works, like 20."];
        }
        else if (days <= 0 || days > MaxDaysPerMonth || decimal.Round(days, 2) != days)
        {
            errors[$"{at}.daysPerMonth"] = [$"The days a month must be more than 0 and no more than {MaxDaysPerMonth}, with at most 2 decimal places."];
        }
    }
}

/// <summary>One role as sent: its name (like "User researcher"), day rate in pounds and days worked a month.</summary>
public sealed record TeamRoleBody(string? Role, decimal? DayRate, decimal? DaysPerMonth);
