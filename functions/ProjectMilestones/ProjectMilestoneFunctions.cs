using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
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
public sealed class ProjectMilestoneFunctions(ProjectRepository projects, MilestoneRepository milestones, MilestoneRecording recording, InputLimits limits)
{
    public const string SaveName = "SaveMilestone";
    public const string ListName = "ListMilestones";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/milestones/{milestoneId}")] HttpRequest req, string id, string milestoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await recording.ForRecordingAsync(id, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<MilestoneBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var saved = await recording.SaveAsync(project!, milestoneId, user.UserId(), body ?? MilestoneBody.Empty, unreadable: null, cancellationToken);
        return saved.Outcome switch
        {
            MilestoneSaveOutcome.Invalid => Problems.Validation(saved.Errors),
            MilestoneSaveOutcome.BaselineConflict => Problems.Status(StatusCodes.Status409Conflict, "Baseline cannot change here", saved.Conflict!),
            MilestoneSaveOutcome.Added => TypedResults.Created($"/api/projects/{project!.ProjectId}/milestones", MilestoneResponse.From(saved.Milestone!)),
            _ => TypedResults.Ok(MilestoneResponse.From(saved.Milestone!)),
        };
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
