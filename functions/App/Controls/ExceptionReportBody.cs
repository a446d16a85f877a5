using Delivery.Functions.App.Projects;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Controls;

/// <summary>
/// An exception report as sent to <c>POST /api/projects/{id}/exceptions/{exceptionId}/report</c>: cause,
/// consequences, options (each with its effect on the business case, risks and tolerances), recommendation,
/// lessons, and the exception plan proposed (a new approved budget and milestone baselines), if any.
/// </summary>
public sealed record ExceptionReportBody(
    string? Cause, string? Consequences, IReadOnlyList<ExceptionOptionBody?>? Options, string? Recommendation, string? Lessons, ExceptionPlanBody? Plan)
{
    public static ExceptionReportBody Empty { get; } = new(null, null, null, null, null, null);

    public (ExceptionReport? Report, Dictionary<string, string[]> Errors) Read(
        ProjectDocument project, IReadOnlyList<MilestoneRecord> milestones, string userId, DateTimeOffset now, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Text("cause", Cause, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("consequences", Consequences, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("recommendation", Recommendation, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("lessons", Lessons, limits.MaxTextLength, required: false, errors);
        var options = Options ?? [];
        if (options.Count == 0 || options.Count > limits.MaxListItems)
        {
            errors["options"] = [$"Give from 1 to {limits.MaxListItems} options, each with its effect on the business case, risks and tolerances."];
        }

        for (var i = 0; i < options.Count && options.Count <= limits.MaxListItems; i++)
        {
            RecordRules.Text($"options[{i}].title", options[i]?.Title, limits.MaxNameLength, required: true, errors);
            RecordRules.Text($"options[{i}].effect", options[i]?.Effect, limits.MaxReasonLength, required: true, errors);
        }

        ExceptionPlan? plan = null;
        if (Plan is { } p)
        {
            if (p.ApprovedBudget is not null)
            {
                RecordRules.Amount("plan.approvedBudget", p.ApprovedBudget, limits, errors);
            }

            var dates = RecordRules.PlanMilestones("plan.milestones", p.Milestones, milestones, project, now, limits, errors);
            plan = new ExceptionPlan(p.ApprovedBudget, dates);
        }

        return errors.Count > 0 ? (null, errors) : (new ExceptionReport(
            Cause!.Trim(),
            Consequences!.Trim(),
            options.Select(o => new ExceptionOption(o!.Title!.Trim(), o.Effect!.Trim())).ToList(),
            Recommendation!.Trim(),
            string.IsNullOrWhiteSpace(Lessons) ? null : Lessons.Trim(),
            plan,
            userId,
            now), errors);
    }
}

public sealed record ExceptionOptionBody(string? Title, string? Effect);

public sealed record ExceptionPlanBody(decimal? ApprovedBudget, IReadOnlyList<PlanMilestoneBody?>? Milestones);
