using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;

namespace Delivery.Functions.ProjectRaid;

/// <summary>
/// A RAID item as sent to <c>PUT /api/projects/{id}/raid/{itemId}</c>. Every kind has a title, an owner and a
/// status; risks add cause, event, effect, probability, impact, proximity, response, actions and the date last
/// reviewed; issues their type, priority and severity; dependencies the date they are needed by.
/// </summary>
public sealed record RaidBody(
    string? Kind,
    string? Title,
    string? Description,
    string? OwnerId,
    string? Status,
    string? Cause,
    string? Event,
    string? Effect,
    int? Probability,
    int? Impact,
    string? Proximity,
    string? Response,
    IReadOnlyList<RaidActionBody>? Actions,
    DateOnly? LastReviewed,
    string? IssueType,
    string? Priority,
    string? Severity,
    DateOnly? NeededBy)
{
    public static RaidBody Empty { get; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>Every rule, every bad field named; the item (unversioned) when there is none.</summary>
    public (RaidItem? Item, Dictionary<string, string[]> Errors) Read(string projectId, string itemId, DateOnly projectStart, DateOnly today, ApprovalPolicy directory, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(itemId))
        {
            errors["itemId"] = ["Give the item an id of 1 to 64 letters, digits, '-' or '_', like R1."];
        }

        var kind = RecordRules.Choice<RaidKind>("kind", Kind, required: true, errors);
        RecordRules.Text("title", Title, limits.MaxNameLength, required: true, errors);
        RecordRules.Text("description", Description, limits.MaxTextLength, required: false, errors);
        RecordRules.Person("ownerId", OwnerId, directory, errors);
        var status = RecordRules.Choice<RaidStatus>("status", Status, required: false, errors) ?? RaidStatus.Open;
        var isRisk = kind == RaidKind.Risk;
        var isIssue = kind == RaidKind.Issue;
        var risk = isRisk ? ReadRisk(projectStart, today, directory, limits, errors) : default;
        if (kind is { } k && !isRisk)
        {
            var notRisk = $"Only risks have this; a {k.ToString().ToLowerInvariant()} does not.";
            RecordRules.Absent("cause", Cause is not null, notRisk, errors);
            RecordRules.Absent("event", Event is not null, notRisk, errors);
            RecordRules.Absent("effect", Effect is not null, notRisk, errors);
            RecordRules.Absent("probability", Probability is not null, notRisk, errors);
            RecordRules.Absent("impact", Impact is not null, notRisk, errors);
            RecordRules.Absent("proximity", Proximity is not null, notRisk, errors);
            RecordRules.Absent("response", Response is not null, notRisk, errors);
            RecordRules.Absent("actions", Actions is { Count: > 0 }, notRisk, errors);
            RecordRules.Absent("lastReviewed", LastReviewed is not null, notRisk, errors);
        }

        var issueType = isIssue ? RecordRules.Choice<IssueType>("issueType", IssueType, required: true, errors) : null;
        var priority = isIssue ? RecordRules.Choice<RaidLevel>("priority", Priority, required: true, errors) : null;
        var severity = isIssue ? RecordRules.Choice<RaidLevel>("severity", Severity, required: true, errors) : null;
        if (kind is { } other && !isIssue)
        {
            var notIssue = $"Only issues have this; a {other.ToString().ToLowerInvariant()} does not.";
            RecordRules.Absent("issueType", IssueType is not null, notIssue, errors);
            RecordRules.Absent("priority", Priority is not null, notIssue, errors);
            RecordRules.Absent("severity", Severity is not null, notIssue, errors);
        }

        if (kind == RaidKind.Dependency)
        {
            RecordRules.PlanDate("neededBy", NeededBy, projectStart, today, limits, required: false, errors);
        }
        else if (kind is { } notDependency)
        {
            RecordRules.Absent("neededBy", NeededBy is not null, $"Only dependencies have this; a {notDependency.ToString().ToLowerInvariant()} does not.", errors);
        }

        return errors.Count > 0 ? (null, errors) : (new RaidItem
        {
            Id = RaidItem.IdFor(itemId),
            ProjectId = projectId,
            ItemId = itemId,
            Kind = kind!.Value,
            Title = Title!.Trim(),
            Description = Trimmed(Description),
            OwnerId = directory!.Find(OwnerId)!.Id,
            Status = status,
            Cause = Trimmed(Cause),
            Event = Trimmed(Event),
            Effect = Trimmed(Effect),
            Probability = Probability,
            Impact = Impact,
            Proximity = risk.Proximity,
            Response = risk.Response,
            Actions = risk.Actions ?? [],
            LastReviewed = LastReviewed,
            IssueType = issueType,
            Priority = priority,
            Severity = severity,
            NeededBy = NeededBy,
            Version = 0,
            RaisedAt = default,
            UpdatedBy = string.Empty,
            UpdatedAt = default,
        }, errors);
    }

    private (RiskProximity? Proximity, RiskResponse? Response, List<RaidAction>? Actions) ReadRisk(
        DateOnly projectStart, DateOnly today, ApprovalPolicy directory, InputLimits limits, Dictionary<string, string[]> errors)
    {
        RecordRules.Text("cause", Cause, limits.MaxReasonLength, required: true, errors);
        RecordRules.Text("event", Event, limits.MaxReasonLength, required: true, errors);
        RecordRules.Text("effect", Effect, limits.MaxReasonLength, required: true, errors);
        RecordRules.Range("probability", Probability, 1, 5, errors);
        RecordRules.Range("impact", Impact, 1, 5, errors);
        var proximity = RecordRules.Choice<RiskProximity>("proximity", Proximity, required: true, errors);
        var response = RecordRules.Choice<RiskResponse>("response", Response, required: true, errors);
        if (LastReviewed is not null)
        {
            RecordRules.Date("lastReviewed", LastReviewed, projectStart, today, errors, mustNotBeFuture: true);
        }

        var actions = new List<RaidAction>();
        var list = Actions ?? [];
        if (list.Count > limits.MaxListItems)
        {
            errors["actions"] = [$"A risk can have at most {limits.MaxListItems} actions."];
            return (proximity, response, null);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var action = list[i] ?? new RaidActionBody(null, null, null, null, null);
            var at = $"actions[{i}].";
            if (!ProjectRecordAccess.IsRecordId(action.ActionId))
            {
                errors[at + "actionId"] = ["Give the action an id of 1 to 64 letters, digits, '-' or '_'."];
            }
            else if (list.Take(i).Any(a => a?.ActionId == action.ActionId))
            {
                errors[at + "actionId"] = [$"Action {action.ActionId} is listed twice."];
            }

            RecordRules.Text(at + "description", action.Description, limits.MaxReasonLength, required: true, errors);
            RecordRules.Person(at + "actioneeId", action.ActioneeId, directory, errors);
            RecordRules.PlanDate(at + "due", action.Due, projectStart, today, limits, required: true, errors);
            if (action.Description is not null && action.Due is { } due && directory.Find(action.ActioneeId) is { } actionee)
            {
                actions.Add(new RaidAction(action.ActionId ?? string.Empty, action.Description.Trim(), actionee.Id, due, action.Done ?? false));
            }
        }

        return (proximity, response, actions);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A risk's action as sent.</summary>
public sealed record RaidActionBody(string? ActionId, string? Description, string? ActioneeId, DateOnly? Due, bool? Done);
