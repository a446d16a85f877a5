using Delivery.Functions.App.Projects;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ProjectMilestones;

/// <summary>
/// A milestone as sent to <c>PUT /api/projects/{id}/milestones/{milestoneId}</c>: <c>{"name","baseline",
/// "forecast","actual","key"}</c>. An approved milestone (m1, m2…) keeps its approved name and baseline when they
/// are left out; a new one needs both.
/// </summary>
public sealed record MilestoneBody(string? Name, DateOnly? Baseline, DateOnly? Forecast, DateOnly? Actual, bool? Key)
{
    public static MilestoneBody Empty { get; } = new(null, null, null, null, null);

    public (MilestoneRecord? Milestone, Dictionary<string, string[]> Errors) Read(
        ProjectDocument project, string milestoneId, MilestoneRecord? approved, DateOnly today, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(milestoneId))
        {
            errors["milestoneId"] = ["Give the milestone an id of 1 to 64 letters, digits, '-' or '_'."];
        }

        var start = ProjectRecordAccess.Start(project);
        var name = Name ?? approved?.Name;
        var baseline = Baseline ?? approved?.Baseline;
        RecordRules.Text("name", name, limits.MaxNameLength, required: true, errors);
        RecordRules.PlanDate("baseline", baseline, start, today, limits, required: true, errors);
        RecordRules.PlanDate("forecast", Forecast, start, today, limits, required: true, errors);
        if (Actual is not null)
        {
            RecordRules.Date("actual", Actual, start, today, errors, mustNotBeFuture: true);
        }

        return errors.Count > 0 ? (null, errors) : (new MilestoneRecord
        {
            Id = MilestoneRecord.IdFor(milestoneId),
            ProjectId = project.ProjectId,
            MilestoneId = milestoneId,
            Name = name!.Trim(),
            Baseline = baseline!.Value,
            Forecast = Forecast!.Value,
            Actual = Actual,
            Key = Key ?? approved?.Key ?? false,
            Version = 0,
            UpdatedBy = string.Empty,
            UpdatedAt = default,
        }, errors);
    }
}
