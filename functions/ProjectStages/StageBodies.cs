using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Stages;

namespace Delivery.Functions.ProjectStages;

/// <summary>A delivery stage as sent to <c>PUT /api/projects/{id}/stages/{stageId}</c>: its name and planned end date.</summary>
public sealed record StageBody(string? Name, DateOnly? PlannedEnd)
{
    public static StageBody Empty { get; } = new(null, null);

    /// <summary>Every bad field; none when the stage may be stored.</summary>
    public Dictionary<string, string[]> Check(ProjectDocument project, string stageId, DateOnly today, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(stageId) || stageId == DeliveryStage.Initiation)
        {
            errors["stageId"] = ["Give the stage an id of 1 to 64 letters, digits, '-' or '_', like stage-2 (initiation is taken by initiation)."];
        }

        RecordRules.Text("name", Name, limits.MaxNameLength, required: true, errors);
        RecordRules.PlanDate("plannedEnd", PlannedEnd, ProjectRecordAccess.Start(project), today, limits, required: true, errors);
        return errors;
    }
}

/// <summary>An end stage report as sent to <c>POST /api/projects/{id}/stages/{stageId}/end-report</c>.</summary>
public sealed record EndStageBody(string? Summary, string? Lessons, string? NextStageId)
{
    public static EndStageBody Empty { get; } = new(null, null, null);

    /// <summary>Every bad field: the summary, the lessons' length, and the next stage (one planned and not started).</summary>
    public Dictionary<string, string[]> Check(IReadOnlyList<DeliveryStage> stages, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Text("summary", Summary, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("lessons", Lessons, limits.MaxTextLength, required: false, errors);
        var planned = stages.Where(s => s.Status == StageStatus.Planned).Select(s => s.StageId).ToList();
        if (string.IsNullOrWhiteSpace(NextStageId))
        {
            errors["nextStageId"] = [planned.Count == 0
                ? "Plan the next stage first (PUT …/stages/{stageId}), then name it here."
                : $"Name the stage to start next: {string.Join(", ", planned)}."];
        }
        else if (!planned.Contains(NextStageId, StringComparer.Ordinal))
        {
            errors["nextStageId"] = [$"{NextStageId} is not a planned stage that has not started. Planned: {(planned.Count == 0 ? "none" : string.Join(", ", planned))}."];
        }

        return errors;
    }
}

/// <summary>A project's stages and end stage reports as the API shows them: which stage is current, the plan, the reports.</summary>
public sealed record StagesResponse(string CurrentStageId, IReadOnlyList<StageResponse> Stages, IReadOnlyList<EndStageReportResponse> Reports);

public sealed record StageResponse(string StageId, string Name, DateOnly PlannedEnd, StageStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    public static StageResponse From(DeliveryStage s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new StageResponse(s.StageId, s.Name, s.PlannedEnd, s.Status, s.StartedAt, s.EndedAt);
    }
}

public sealed record EndStageReportResponse(
    string StageId, string StageName, string NextStageId, string Summary, string? Lessons, IReadOnlyList<StageMeasure> Measures, int Version, EndStageStatus Status, string SentBy, DateTimeOffset SentAt, StageGateDecision? Decision)
{
    public static EndStageReportResponse From(EndStageReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new EndStageReportResponse(r.StageId, r.StageName, r.NextStageId, r.Summary, r.Lessons, r.Measures, r.Version, r.Status, r.SentBy, r.SentAt, r.Decision);
    }
}
