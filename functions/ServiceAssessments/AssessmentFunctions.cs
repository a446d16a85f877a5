using Delivery.Functions.App.Projects;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>
/// Service Standard assessments through the API (<see cref="AssessmentSteps"/>): <c>PUT
/// /api/projects/{id}/assessments/{assessmentId}</c> asks for one (kind, preferred dates, documents, or a
/// reassessment of an earlier one's points not met); <c>…/panel</c> assigns its panel; <c>…/self-assessment</c> and
/// <c>…/outcome</c> record the team's and the panel's views per point; <c>POST …/conditions/{conditionId}/done</c>
/// closes a condition; <c>GET …/assessments/{assessmentId}</c> reads it.
/// </summary>
public sealed class AssessmentFunctions(ServiceRepository services, AssessmentSteps steps, InputLimits limits)
{
    [Function("RequestAssessment")]
    public async Task<IResult> RequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/assessments/{assessmentId}")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, service, refusal) = await steps.ForServiceAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<AssessmentRequestBody>(req, limits, cancellationToken);
        return failure ?? Answer(await steps.RequestAsync(project!, service!, req.HttpContext.User, assessmentId, body ?? AssessmentRequestBody.Empty, cancellationToken), project!.ProjectId, created: true);
    }

    [Function("AssignAssessmentPanel")]
    public async Task<IResult> PanelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/assessments/{assessmentId}/panel")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithBodyAsync(req, id, assessmentId, PanelBody.Empty, (found, body) => steps.AssignPanelAsync(found.Project, found.Service, found.Assessment, req.HttpContext.User, body, cancellationToken), cancellationToken);
    }

    [Function("RecordSelfAssessment")]
    public async Task<IResult> SelfAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/assessments/{assessmentId}/self-assessment")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithBodyAsync(req, id, assessmentId, SelfAssessmentBody.Empty, (found, body) => steps.SelfAssessAsync(found.Project, found.Service, found.Assessment, req.HttpContext.User, body, cancellationToken), cancellationToken);
    }

    [Function("RecordAssessmentOutcome")]
    public async Task<IResult> OutcomeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/assessments/{assessmentId}/outcome")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithBodyAsync(req, id, assessmentId, OutcomeBody.Empty, (found, body) => steps.RecordOutcomeAsync(found.Project, found.Assessment, req.HttpContext.User, body, cancellationToken), cancellationToken);
    }

    [Function("AssessmentConditionDone")]
    public async Task<IResult> ConditionDoneAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/assessments/{assessmentId}/conditions/{conditionId}/done")] HttpRequest req, string id, string assessmentId, string conditionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, refusal) = await FindAsync(req, id, assessmentId, cancellationToken);
        return refusal ?? Answer(await steps.ConditionDoneAsync(found!.Value.Project, found.Value.Assessment, conditionId, req.HttpContext.User, cancellationToken), id);
    }

    [Function("GetAssessment")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/assessments/{assessmentId}")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (found, refusal) = await FindAsync(req, id, assessmentId, cancellationToken);
        return refusal ?? TypedResults.Ok(found!.Value.Assessment with { ETag = null });
    }

    /// <summary>Finds the assessment and reads the JSON body (or answers why not), then answers with what the step did.</summary>
    private async Task<IResult> WithBodyAsync<TBody>(
        HttpRequest req, string id, string assessmentId, TBody empty,
        Func<(Delivery.Workflows.Projects.ProjectDocument Project, ServiceRecord Service, ServiceAssessment Assessment), TBody, Task<AssessmentResult>> step, CancellationToken cancellationToken)
        where TBody : class
    {
        var (found, refusal) = await FindAsync(req, id, assessmentId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<TBody>(req, limits, cancellationToken);
        return failure ?? Answer(await step(found!.Value, body ?? empty), id);
    }

    private async Task<((Delivery.Workflows.Projects.ProjectDocument Project, ServiceRecord Service, ServiceAssessment Assessment)? Found, IResult? Refusal)> FindAsync(
        HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        var (project, service, refusal) = await steps.ForServiceAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var assessment = ProjectRecordAccess.IsRecordId(assessmentId) ? await services.GetAssessmentAsync(project!.ProjectId, assessmentId, cancellationToken) : null;
        return assessment is null
            ? (null, Problems.Status(StatusCodes.Status404NotFound, "Assessment not found", $"{id} has no assessment {assessmentId}."))
            : ((project!, service!, assessment), null);
    }

    private static IResult Answer(AssessmentResult result, string projectId, bool created = false) => result switch
    {
        { Outcome: ServiceOutcome.Invalid } => Problems.Validation(result.Errors),
        { Forbidden: true } => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", result.Reason!),
        { Outcome: ServiceOutcome.NotNow } => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason!),
        { Outcome: ServiceOutcome.Done } when created => TypedResults.Created($"/api/projects/{projectId}/assessments/{result.Assessment!.AssessmentId}", result.Assessment with { ETag = null }),
        _ => TypedResults.Ok(result.Assessment! with { ETag = null }),
    };
}
