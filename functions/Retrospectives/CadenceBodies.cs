using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Retrospectives;

/// <summary>A team's cadence as sent to <c>PUT /api/projects/{id}/cadence</c>: days per iteration and the first iteration's first day.</summary>
public sealed record CadenceBody(int? IterationDays, DateOnly? FirstIterationStart)
{
    public const int MaxIterationDays = 42;

    public static CadenceBody Empty { get; } = new(null, null);

    public Dictionary<string, string[]> Check(ProjectDocument project, InputLimits limits, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Range("iterationDays", IterationDays, 1, MaxIterationDays, errors);
        RecordRules.PlanDate("firstIterationStart", FirstIterationStart, ProjectRecordAccess.Start(project), today, limits, required: true, errors);
        return errors;
    }
}

/// <summary>
/// An iteration's retrospective as sent to <c>PUT /api/projects/{id}/retrospectives/{iteration}</c>: the day it was
/// held, what went well, what to improve, and the actions agreed (each with an id, owner and due date).
/// </summary>
public sealed record RetrospectiveBody(DateOnly? HeldOn, string? WentWell, string? ToImprove, IReadOnlyList<RetrospectiveActionBody?>? Actions)
{
    public static RetrospectiveBody Empty { get; } = new(null, null, null, null);

    /// <summary>Every bad field, and the actions when there is none.</summary>
    public (IReadOnlyList<RetrospectiveAction> Actions, Dictionary<string, string[]> Errors) Read(ProjectDocument project, ApprovalPolicy directory, InputLimits limits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Date("heldOn", HeldOn, ProjectRecordAccess.Start(project), today, errors, mustNotBeFuture: true);
        RecordRules.Text("wentWell", WentWell, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("toImprove", ToImprove, limits.MaxTextLength, required: true, errors);
        var given = Actions ?? [];
        if (given.Count > limits.MaxListItems)
        {
            errors["actions"] = [$"Agree at most {limits.MaxListItems} actions at one retrospective."];
        }

        var actions = new List<RetrospectiveAction>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(given.Count, limits.MaxListItems); i++)
        {
            var field = $"actions[{i}]";
            if (given[i] is not { } a)
            {
                errors[field] = ["Give the action's id, description, owner and due date."];
                continue;
            }

            if (!ProjectRecordAccess.IsRecordId(a.ActionId))
            {
                errors[$"{field}.actionId"] = ["Give the action an id of 1 to 64 letters, digits, '-' or '_', like a1."];
            }
            else if (!ids.Add(a.ActionId!))
            {
                errors[$"{field}.actionId"] = [$"Another action has the id {a.ActionId}."];
            }

            RecordRules.Text($"{field}.description", a.Description, limits.MaxTextLength, required: true, errors);
            RecordRules.Person($"{field}.ownerId", a.OwnerId, directory, errors);
            RecordRules.PlanDate($"{field}.due", a.Due, ProjectRecordAccess.Start(project), today, limits, required: true, errors);
            if (errors.Keys.All(k => !k.StartsWith(field, StringComparison.Ordinal)))
            {
                actions.Add(new RetrospectiveAction(a.ActionId!, a.Description!.Trim(), directory.Find(a.OwnerId!)!.Id, a.Due!.Value));
            }
        }

        return (actions, errors);
    }
}

public sealed record RetrospectiveActionBody(string? ActionId, string? Description, string? OwnerId, DateOnly? Due);

/// <summary>A team's cadence as the API shows it: the iteration running today, the retrospective due next, and every retrospective.</summary>
public sealed record CadenceResponse(int IterationDays, DateOnly FirstIterationStart, int CurrentIteration, NextRetrospective NextRetrospective, IReadOnlyList<Retrospective> Retrospectives)
{
    public static CadenceResponse From(TeamCadence cadence, IReadOnlyList<Retrospective> retrospectives, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        var next = CadenceReminders.NextDue(retrospectives);
        var due = cadence.EndOf(next);
        return new(cadence.IterationDays, cadence.FirstIterationStart, cadence.NumberOn(today), new NextRetrospective(next, cadence.StartOf(next), due, due < today),
            retrospectives.Select(r => r with { ETag = null }).ToList());
    }
}

/// <summary>The retrospective due next: its iteration, that iteration's dates, and whether it is overdue.</summary>
public sealed record NextRetrospective(int Iteration, DateOnly IterationStart, DateOnly Due, bool Overdue);
