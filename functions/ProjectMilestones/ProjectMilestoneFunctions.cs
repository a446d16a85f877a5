using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectMilestones;

/// <summary>
/// Milestones: <c>PUT /api/projects/{id}/milestones/{milestoneId}</c> adds one or records its forecast and actual
/// dates, and <c>GET /api/projects/{id}/milestones</c> lists the plan against its baseline. The approved
/// milestones are there from approval as m1, m2…; only the project manager records. A baseline changes only
/// through an approved change request or exception plan, so changing it here is refused (409).
/// </summary>
public sealed class ProjectMilestoneFunctions(ProjectRepository projects, ControlsView controls, MilestoneRepository milestones, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SaveName = "SaveMilestone";
    public const string ListName = "ListMilestones";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/milestones/{milestoneId}")] HttpRequest req, string id, string milestoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "milestones", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<MilestoneBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        var current = (await milestones.ListAsync(project!, cancellationToken)).FirstOrDefault(m => m.MilestoneId == milestoneId);
        var (milestone, errors) = (body ?? new MilestoneBody(null, null, null, null, null)).Read(project!, milestoneId, current, ProjectRecordAccess.Today(now), limits);
        if (milestone is null)
        {
            return Problems.Validation(errors);
        }

        var (saved, conflict) = await milestones.SaveAsync(project!, milestone, user.UserId(), now, cancellationToken);
        if (saved is null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Baseline cannot change here", conflict!);
        }

        var stored = saved.Record;
        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project!, cancellationToken);
        await audit.AppendAsync($"{project!.ProjectId}~milestone~{stored.MilestoneId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.UpdatedAt,
            Actor = stored.UpdatedBy,
            Action = AuditAction.MilestoneRecorded,
            Summary = $"Milestone {stored.Name}: baseline {stored.Baseline:yyyy-MM-dd}, forecast {stored.Forecast:yyyy-MM-dd}" + (stored.Actual is { } a ? $", reached {a:yyyy-MM-dd}" : string.Empty),
            Subject = stored.MilestoneId,
        }, cancellationToken);
        var response = MilestoneResponse.From(stored);
        // 201 only for a milestone that was not in the plan before (an approved one is recorded against, not created).
        return saved.Created && current is null
            ? TypedResults.Created($"/api/projects/{project.ProjectId}/milestones", response)
            : TypedResults.Ok(response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/milestones")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok((await milestones.ListAsync(project!, cancellationToken)).Select(MilestoneResponse.From).ToList());
    }
}

/// <summary>A milestone as the API shows it, with its slip against the baseline in calendar days.</summary>
public sealed record MilestoneResponse(string MilestoneId, string Name, DateOnly Baseline, DateOnly Forecast, DateOnly? Actual, bool Key, int SlipDays, int Version)
{
    public static MilestoneResponse From(MilestoneRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new MilestoneResponse(m.MilestoneId, m.Name, m.Baseline, m.Forecast, m.Actual, m.Key, m.Expected.DayNumber - m.Baseline.DayNumber, m.Version);
    }
}
