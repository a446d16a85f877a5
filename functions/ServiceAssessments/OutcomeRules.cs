using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>
/// The panel's findings checked before anything is stored: every point assessed given once with met or not and its
/// reasons; an outcome that agrees with them (met only when every point is met); conditions each with an id, a
/// description, an owner in the directory and a due date from today.
/// </summary>
public static class OutcomeRules
{
    public static (List<PointResult> Results, AssessmentOutcome? Outcome, List<AssessmentCondition> Conditions, Dictionary<string, string[]> Errors) Read(
        OutcomeBody body, ServiceAssessment assessment, DateOnly today, ApprovalPolicy directory, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var results = body.Results ?? [];
        PointRules.Cover("results", results.Select(r => r?.Point).ToList(), assessment.Points, errors);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i]?.Met is null)
            {
                errors[$"results[{i}].met"] = ["Say whether the point is met (true) or not met (false)."];
            }

            RecordRules.Text($"results[{i}].reasons", results[i]?.Reasons, limits.MaxTextLength, required: true, errors);
            RecordRules.Text($"results[{i}].recommendations", results[i]?.Recommendations, limits.MaxTextLength, required: false, errors);
        }

        var outcome = RecordRules.Choice<AssessmentOutcome>("outcome", body.Outcome, required: true, errors);
        var anyNotMet = results.Any(r => r?.Met == false);
        if (outcome == AssessmentOutcome.Met && anyNotMet)
        {
            errors["outcome"] = ["The outcome is met only when every point assessed is met; with a point not met it is notMet."];
        }
        else if (outcome == AssessmentOutcome.NotMet && results.Count > 0 && results.All(r => r?.Met == true))
        {
            errors["outcome"] = ["Every point assessed is met, so the outcome is met."];
        }

        var conditions = body.Conditions ?? [];
        if (conditions.Count > limits.MaxListItems)
        {
            errors["conditions"] = [$"Give at most {limits.MaxListItems} conditions."];
        }

        for (var i = 0; i < Math.Min(conditions.Count, limits.MaxListItems); i++)
        {
            var c = conditions[i];
            if (!ProjectRecordAccess.IsRecordId(c?.ConditionId) || conditions.Take(i).Any(o => o?.ConditionId == c!.ConditionId))
            {
                errors[$"conditions[{i}].conditionId"] = ["Give each condition its own id of 1 to 64 letters, digits, '-' or '_', like c1."];
            }

            RecordRules.Text($"conditions[{i}].description", c?.Description, limits.MaxTextLength, required: true, errors);
            RecordRules.Person($"conditions[{i}].ownerId", c?.OwnerId, directory, errors);
            if (c?.Due is not { } due)
            {
                errors[$"conditions[{i}].due"] = ["Enter the date it is due, like 2027-01-31."];
            }
            else if (due < today || due > limits.LatestDate(today))
            {
                errors[$"conditions[{i}].due"] = [$"The due date must be from today to {limits.MaxYearsAhead} years ahead."];
            }
        }

        return errors.Count > 0
            ? ([], null, [], errors)
            : (results.Select(r => new PointResult(r!.Point!.Value, r.Met!.Value, r.Reasons!.Trim(), string.IsNullOrWhiteSpace(r.Recommendations) ? null : r.Recommendations.Trim())).OrderBy(r => r.Point).ToList(),
                outcome,
                conditions.Select(c => new AssessmentCondition(c!.ConditionId!, c.Description!.Trim(), directory.Find(c.OwnerId)!.Id, c.Due!.Value)).ToList(),
                errors);
    }
}
