using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// A digital service's performance through the API (<see cref="PerformanceSteps"/>): <c>GET /api/projects/{id}/performance</c>
/// shows the measures with their latest figures against target and every monthly figure; <c>PUT …/performance/measures/{measureId}</c>
/// defines a KPI (<c>cost-per-transaction</c>, <c>user-satisfaction</c>, <c>completion-rate</c>, <c>digital-take-up</c>)
/// or one of the service's own measures; <c>PUT …/performance/measures/{measureId}/months/{yyyy-MM}</c> records or
/// corrects a month's figure; <c>PUT …/performance/stakeholders</c> names who gets the monthly report. Sending the
/// same again changes nothing.
/// </summary>
public sealed class PerformanceFunctions(ProjectRepository projects, PerformanceRepository performance, PerformanceSteps steps, InputLimits limits)
{
    [Function("GetServicePerformance")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/performance")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var record = await performance.GetAsync(project!.ProjectId, cancellationToken) ?? new PerformanceRecord { ProjectId = project.ProjectId };
        return TypedResults.Ok(PerformanceResponse.From(record));
    }

    [Function("DefinePerformanceMeasure")]
    public async Task<IResult> DefineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/performance/measures/{measureId}")] HttpRequest req, string id, string measureId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForRecordingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<MeasureBody>(req, limits, cancellationToken);
        return failure ?? Answer(await steps.DefineMeasureAsync(project!, req.HttpContext.User.UserId(), measureId, body ?? MeasureBody.Empty, cancellationToken), project!, $"measures/{measureId}");
    }

    [Function("RecordPerformanceFigure")]
    public async Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/performance/measures/{measureId}/months/{month}")] HttpRequest req,
        string id, string measureId, string month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForRecordingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<PointBody>(req, limits, cancellationToken);
        return failure ?? Answer(await steps.RecordAsync(project!, req.HttpContext.User.UserId(), measureId, month, body ?? PointBody.Empty, cancellationToken), project!, $"measures/{measureId}/months/{month}");
    }

    [Function("NamePerformanceStakeholders")]
    public async Task<IResult> StakeholdersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/performance/stakeholders")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await steps.ForRecordingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<StakeholdersBody>(req, limits, cancellationToken);
        return failure ?? Answer(await steps.NameStakeholdersAsync(project!, req.HttpContext.User.UserId(), body ?? StakeholdersBody.Empty, cancellationToken), project!, "stakeholders");
    }

    /// <summary>201 when something was stored, 200 for the same again; the record as the API shows it either way.</summary>
    public static IResult Answer(PerformanceResult result, ProjectDocument project, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(project);
        return result.Outcome switch
        {
            PerformanceOutcome.Invalid => Problems.Validation(result.Errors),
            PerformanceOutcome.NoSuchMeasure => Problems.Status(StatusCodes.Status404NotFound, "No such measure", result.Reason!),
            PerformanceOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason!),
            PerformanceOutcome.Done => TypedResults.Created($"/api/projects/{project.ProjectId}/performance/{path}", PerformanceResponse.From(result.Performance!)),
            _ => TypedResults.Ok(PerformanceResponse.From(result.Performance!)),
        };
    }
}
