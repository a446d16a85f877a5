using Delivery.Functions.App.Projects;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Controls;

/// <summary>
/// A change request as sent to <c>PUT /api/projects/{id}/changes/{changeId}</c>: its kind (scope, time or cost),
/// title, justification, impact, the cost it adds (negative when it saves money) and the milestone baselines it moves.
/// </summary>
public sealed record ChangeBody(string? Kind, string? Title, string? Justification, string? Impact, decimal? CostImpact, IReadOnlyList<PlanMilestoneBody?>? Milestones)
{
    public static ChangeBody Empty { get; } = new(null, null, null, null, null, null);

    /// <summary>The change as it would be stored (version 1, just sent), or every bad field.</summary>
    public (ChangeRequest? Change, Dictionary<string, string[]> Errors) Read(
        ProjectDocument project, string changeId, IReadOnlyList<MilestoneRecord> milestones, string userId, DateTimeOffset now, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(changeId))
        {
            errors["changeId"] = ["Give the change an id of 1 to 64 letters, digits, '-' or '_', like cr1."];
        }

        var kind = RecordRules.Choice<ChangeKind>("kind", Kind, required: true, errors);
        RecordRules.Text("title", Title, limits.MaxNameLength, required: true, errors);
        RecordRules.Text("justification", Justification, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("impact", Impact, limits.MaxTextLength, required: true, errors);
        var approved = project.Baseline?.ApprovedBudget ?? 0m;
        if (CostImpact is not { } cost)
        {
            errors["costImpact"] = ["Enter the cost the change adds in pounds: 0 if none, negative if it saves money."];
        }
        else if (Math.Abs(cost) > limits.MaxAmount || decimal.Round(cost, 2) != cost)
        {
            errors["costImpact"] = [$"The cost impact must be in pounds and pence, no more than £{limits.MaxAmount:N0} either way."];
        }
        else if (approved + cost <= 0)
        {
            errors["costImpact"] = ["The change cannot save more than the whole approved budget."];
        }
        else if (kind == ChangeKind.Cost && cost == 0)
        {
            errors["costImpact"] = ["A cost change must add or save money."];
        }

        var moved = RecordRules.PlanMilestones("milestones", Milestones, milestones, project, now, limits, errors);
        if (kind == ChangeKind.Time && (Milestones ?? []).Count == 0)
        {
            errors["milestones"] = ["A time change must move at least one milestone's baseline."];
        }

        return errors.Count > 0 ? (null, errors) : (new ChangeRequest
        {
            Id = ChangeRequest.IdFor(changeId),
            ProjectId = project.ProjectId,
            ChangeId = changeId,
            Kind = kind!.Value,
            Title = Title!.Trim(),
            Justification = Justification!.Trim(),
            Impact = Impact!.Trim(),
            CostImpact = CostImpact!.Value,
            Milestones = moved,
            Version = 1,
            Status = ChangeStatus.Submitted,
            RaisedBy = userId,
            RaisedAt = now,
        }, errors);
    }
}

/// <summary>A change as the API shows it, without storage fields.</summary>
public sealed record ChangeResponse(
    string ChangeId,
    ChangeKind Kind,
    string Title,
    string Justification,
    string Impact,
    decimal CostImpact,
    IReadOnlyList<Delivery.Workflows.Monitoring.PlanMilestone> Milestones,
    int Version,
    ChangeStatus Status,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    ChangeAssessment? Assessment,
    ChangeDecision? Decision)
{
    public static ChangeResponse From(ChangeRequest c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ChangeResponse(c.ChangeId, c.Kind, c.Title, c.Justification, c.Impact, c.CostImpact, c.Milestones, c.Version, c.Status, c.RaisedBy, c.RaisedAt, c.Assessment, c.Decision);
    }
}
