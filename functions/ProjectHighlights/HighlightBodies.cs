using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Projects;
using Confidence = Delivery.Workflows.Highlights.DeliveryConfidence;

namespace Delivery.Functions.ProjectHighlights;

/// <summary>A highlight report as sent to <c>POST /api/projects/{id}/highlights</c>: the project manager's own words and confidence.</summary>
public sealed record HighlightReportBody(string? Summary, string? ThisPeriod, string? NextPeriod, string? Lessons, string? DeliveryConfidence)
{
    public static HighlightReportBody Empty { get; } = new(null, null, null, null, null);

    /// <summary>Every bad field, and the confidence as the scale spells it.</summary>
    public (string? Confidence, Dictionary<string, string[]> Errors) Check(DeliveryConfidenceScale scale, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Required("summary", Summary, "Enter a summary of how the project stands", limits, errors);
        Required("thisPeriod", ThisPeriod, "Enter what was done this period", limits, errors);
        Required("nextPeriod", NextPeriod, "Enter what is planned for the next period", limits, errors);
        RecordRules.Text("lessons", Lessons, limits.MaxTextLength, required: false, errors);
        var confidence = Confidence.Read(scale, DeliveryConfidence);
        if (confidence is null)
        {
            errors["deliveryConfidence"] = [$"Choose the delivery confidence: {string.Join(", ", Confidence.Labels(scale))}."];
        }

        return (confidence, errors);
    }

    /// <summary>The length rule every text has, with words a reader of the form understands when it is missing.</summary>
    private static void Required(string field, string? value, string missing, InputLimits limits, Dictionary<string, string[]> errors)
    {
        RecordRules.Text(field, value, limits.MaxTextLength, required: false, errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [missing + "."];
        }
    }
}

/// <summary>A project's highlight cadence and stakeholders as sent to <c>PUT /api/projects/{id}/highlight-plan</c>.</summary>
public sealed record HighlightPlanBody(int? EveryDays, IReadOnlyList<string?>? StakeholderIds)
{
    public static HighlightPlanBody Empty { get; } = new(null, null);

    /// <summary>From weekly-ish to quarterly: a highlight report more than three months apart is no longer regular status.</summary>
    public const int MaxEveryDays = 92;

    public Dictionary<string, string[]> Check(ApprovalPolicy directory, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Range("everyDays", EveryDays, 1, MaxEveryDays, errors);

        var ids = StakeholderIds ?? [];
        if (ids.Count > limits.MaxListItems)
        {
            errors["stakeholderIds"] = [$"Name at most {limits.MaxListItems} stakeholders."];
            return errors;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            RecordRules.Person($"stakeholderIds[{i}]", ids[i], directory, errors);
        }

        return errors;
    }
}

/// <summary>A project's highlight reporting as the API shows it: the cadence, who receives reports, when the next is due.</summary>
public sealed record HighlightsResponse(
    int EveryDays, IReadOnlyList<string> StakeholderIds, DateOnly? NextDue, bool Overdue, IReadOnlyList<string> ConfidenceScale, IReadOnlyList<HighlightReportResponse> Reports);

public sealed record HighlightReportResponse(
    DateOnly ReportDate, DateOnly PeriodFrom, string Summary, string ThisPeriod, string NextPeriod, string? Lessons, string DeliveryConfidence, HighlightFacts Facts, string SentBy, DateTimeOffset SentAt)
{
    public static HighlightReportResponse From(HighlightReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new HighlightReportResponse(r.ReportDate, r.PeriodFrom, r.Summary, r.ThisPeriod, r.NextPeriod, r.Lessons, r.DeliveryConfidence, r.Facts, r.SentBy, r.SentAt);
    }
}

public sealed record HighlightPlanResponse(int EveryDays, IReadOnlyList<string> StakeholderIds);
