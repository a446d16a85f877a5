using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>The team's request for an assessment, as sent to <c>PUT /api/projects/{id}/assessments/{assessmentId}</c>.</summary>
public sealed record AssessmentRequestBody(string? Kind, IReadOnlyList<DateOnly?>? PreferredDates, IReadOnlyList<DocumentBody?>? Documents, string? ReassessmentOf)
{
    public static AssessmentRequestBody Empty { get; } = new(null, null, null, null);

    public (AssessmentKind? Kind, List<DateOnly> Dates, List<AssessmentDocument> Documents, Dictionary<string, string[]> Errors) Read(DateOnly today, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = RecordRules.Choice<AssessmentKind>("kind", Kind, required: true, errors);
        var dates = PreferredDates ?? [];
        if (dates.Count == 0 || dates.Count > limits.MaxListItems)
        {
            errors["preferredDates"] = [$"Give 1 to {limits.MaxListItems} preferred dates, like 2027-01-31."];
        }

        for (var i = 0; i < Math.Min(dates.Count, limits.MaxListItems); i++)
        {
            if (dates[i] is not { } d)
            {
                errors[$"preferredDates[{i}]"] = ["Enter the date, like 2027-01-31."];
            }
            else if (d < today || d > limits.LatestDate(today))
            {
                errors[$"preferredDates[{i}]"] = [$"A preferred date must be from today to {limits.MaxYearsAhead} years ahead."];
            }
        }

        var documents = Documents ?? [];
        if (documents.Count > limits.MaxListItems)
        {
            errors["documents"] = [$"Give at most {limits.MaxListItems} documents."];
        }

        for (var i = 0; i < Math.Min(documents.Count, limits.MaxListItems); i++)
        {
            RecordRules.Text($"documents[{i}].title", documents[i]?.Title, limits.MaxNameLength, required: true, errors);
            if (!Uri.TryCreate(documents[i]?.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.OriginalString.Length > limits.MaxNameLength * 10)
            {
                errors[$"documents[{i}].url"] = ["Enter the document's address, starting https://."];
            }
        }

        return (kind, dates.Where(d => d is not null).Select(d => d!.Value).ToList(),
            errors.Count > 0 ? [] : documents.Select(d => new AssessmentDocument(d!.Title!.Trim(), d.Url!.Trim())).ToList(), errors);
    }
}

public sealed record DocumentBody(string? Title, string? Url);

/// <summary>The panel, as the assessment lead sends it to <c>PUT …/assessments/{assessmentId}/panel</c>.</summary>
public sealed record PanelBody(string? LeadAssessorId, IReadOnlyList<string?>? AssessorIds)
{
    public static PanelBody Empty { get; } = new(null, null);
}

/// <summary>The team's self-assessment, as sent to <c>PUT …/assessments/{assessmentId}/self-assessment</c>.</summary>
public sealed record SelfAssessmentBody(IReadOnlyList<SelfPointBody?>? Points)
{
    public static SelfAssessmentBody Empty { get; } = new((IReadOnlyList<SelfPointBody?>?)null);
}

public sealed record SelfPointBody(int? Point, string? Summary);

/// <summary>The panel's findings, as sent to <c>PUT …/assessments/{assessmentId}/outcome</c>.</summary>
public sealed record OutcomeBody(IReadOnlyList<ResultBody?>? Results, string? Outcome, IReadOnlyList<ConditionBody?>? Conditions)
{
    public static OutcomeBody Empty { get; } = new(null, null, null);
}

public sealed record ResultBody(int? Point, bool? Met, string? Reasons, string? Recommendations);

public sealed record ConditionBody(string? ConditionId, string? Description, string? OwnerId, DateOnly? Due);

/// <summary>Checks that every point in scope is given once, and no other, naming the list's entries.</summary>
public static class PointRules
{
    public static void Cover(string field, IReadOnlyList<int?> given, IReadOnlyList<int> scope, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not { } p || !scope.Contains(p))
            {
                errors[$"{field}[{i}].point"] = [$"Give one of the points assessed: {string.Join(", ", scope)}."];
            }
            else if (given.Take(i).Contains(p))
            {
                errors[$"{field}[{i}].point"] = [$"Point {p} is given twice."];
            }
        }

        var missing = scope.Where(p => !given.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            errors[field] = [$"Give every point assessed; missing: {string.Join(", ", missing)}."];
        }
    }
}
