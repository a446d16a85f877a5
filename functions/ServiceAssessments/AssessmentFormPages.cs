using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>
/// The assessment forms, each through the API's own step (<see cref="AssessmentSteps"/>), so their rules, audit and
/// refusals are the API's: the team asks for an assessment (<c>…/service/assessment-request</c>, its id made when the
/// form is shown so sending twice asks once) and records its self-assessment (<c>…/assessments/{assessmentId}/self-assessment/page</c>);
/// the assessment lead assigns the panel (<c>…/panel/page</c>); the panel records the outcome (<c>…/outcome/page</c>).
/// Errors come back field by field; done, each opens the service page.
/// </summary>
public sealed class AssessmentFormPages(AssessmentSteps steps, ServiceRepository services, ApprovalPolicy directory, ServicePolicy policy, InputLimits limits, PageRenderer pages)
{
    private static readonly Dictionary<string, string> None = [];

    [Function("AssessmentRequestPage")]
    [SignInPage]
    public async Task<IResult> RequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/service/assessment-request")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, service, refusal) = await steps.ForServiceAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot ask for an assessment");
        }

        if (!steps.IsTeam(http.User, project!, service!))
        {
            return await pages.MessageAsync(http, new("You cannot ask for an assessment", "Only the service's team asks for an assessment."), StatusCodes.Status403Forbidden);
        }

        var earlier = await services.ListAssessmentsAsync(project!.ProjectId, cancellationToken);
        var notMet = earlier.Where(a => a.Phase == service!.Phase && a.Outcome == AssessmentOutcome.NotMet).ToList();
        if (!HttpMethods.IsPost(req.Method))
        {
            return await Page<AssessmentRequestView>(http, project, $"assessment-{earlier.Count + 1}", null, notMet, None, None);
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var assessmentId = form["assessmentId"].ToString();
        var sent = Values(form, "kind", "documentTitle", "documentUrl", "reassessmentOf");
        sent["preferredDate"] = DateField.Compose(form["preferredDate-day"], form["preferredDate-month"], form["preferredDate-year"]);
        var hasDocument = !string.IsNullOrWhiteSpace(sent["documentTitle"]) || !string.IsNullOrWhiteSpace(sent["documentUrl"]);
        var body = new AssessmentRequestBody(
            sent["kind"], [Date(sent["preferredDate"])], hasDocument ? [new DocumentBody(sent["documentTitle"], sent["documentUrl"])] : [], sent["reassessmentOf"]);
        var result = await steps.RequestAsync(project, service!, http.User, assessmentId, body, cancellationToken);
        if (result.Outcome == ServiceOutcome.Invalid)
        {
            var errors = AssessmentFormModel.FormErrors(result.Errors);
            Rename(errors, ("preferredDates-0", "preferredDate"), ("preferredDates", "preferredDate"), ("documents-0-title", "documentTitle"), ("documents-0-url", "documentUrl"), ("assessmentId", "kind"));
            return await Page<AssessmentRequestView>(http, project, assessmentId, null, notMet, sent, errors, StatusCodes.Status400BadRequest);
        }

        return await DoneAsync(http, project, result);
    }

    [Function("AssessmentPanelPage")]
    [SignInPage]
    public async Task<IResult> PanelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/assessments/{assessmentId}/panel/page")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await FormAsync(req, id, assessmentId, found => Page<AssessmentPanelView>(req.HttpContext, found.Project, assessmentId, found.Assessment, [], None, None), async (found, form) =>
        {
            var (project, service, assessment) = found;
            var sent = Values(form, "leadAssessorId");
            var assessors = form["assessorIds"].Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).ToList();
            sent["assessorIds"] = string.Join(",", assessors);
            var result = await steps.AssignPanelAsync(project, service, assessment, req.HttpContext.User, new PanelBody(sent["leadAssessorId"], assessors), cancellationToken);
            if (result.Outcome == ServiceOutcome.Invalid)
            {
                var errors = AssessmentFormModel.FormErrors(result.Errors);
                foreach (var key in errors.Keys.Where(k => k.StartsWith("assessorIds-", StringComparison.Ordinal)).ToList())
                {
                    errors.TryAdd("assessorIds", errors[key]);
                    errors.Remove(key);
                }

                return await Page<AssessmentPanelView>(req.HttpContext, project, assessmentId, assessment, [], sent, errors, StatusCodes.Status400BadRequest);
            }

            return await DoneAsync(req.HttpContext, project, result);
        }, cancellationToken);
    }

    [Function("SelfAssessmentPage")]
    [SignInPage]
    public async Task<IResult> SelfAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/assessments/{assessmentId}/self-assessment/page")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await FormAsync(req, id, assessmentId, found =>
        {
            var assessment = found.Assessment;
            var values = assessment.Points.Select((p, i) => (i, assessment.SelfAssessment.FirstOrDefault(s => s.Point == p)?.Summary))
                .Where(x => x.Summary is not null).ToDictionary(x => $"points-{x.i}-summary", x => x.Summary!);
            return Page<SelfAssessmentView>(req.HttpContext, found.Project, assessmentId, assessment, [], values, None);
        }, async (found, form) =>
        {
            var (project, service, assessment) = found;
            var sent = Values(form, assessment.Points.Select((_, i) => $"points-{i}-summary").ToArray());
            var body = new SelfAssessmentBody(assessment.Points.Select((p, i) => new SelfPointBody(p, sent[$"points-{i}-summary"])).ToList());
            var result = await steps.SelfAssessAsync(project, service, assessment, req.HttpContext.User, body, cancellationToken);
            return result.Outcome == ServiceOutcome.Invalid
                ? await Page<SelfAssessmentView>(req.HttpContext, project, assessmentId, assessment, [], sent, AssessmentFormModel.FormErrors(result.Errors), StatusCodes.Status400BadRequest)
                : await DoneAsync(req.HttpContext, project, result);
        }, cancellationToken);
    }

    [Function("AssessmentOutcomePage")]
    [SignInPage]
    public async Task<IResult> OutcomeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/assessments/{assessmentId}/outcome/page")] HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await FormAsync(req, id, assessmentId, found => Page<AssessmentOutcomeView>(req.HttpContext, found.Project, assessmentId, found.Assessment, [], None, None), async (found, form) =>
        {
            var (project, _, assessment) = found;
            var fields = assessment.Points.SelectMany((_, i) => new[] { $"results-{i}-met", $"results-{i}-reasons", $"results-{i}-recommendations" })
                .Concat(Enumerable.Range(0, AssessmentOutcomeView.ConditionRows).SelectMany(j => new[] { $"conditions-{j}-description", $"conditions-{j}-ownerId" }))
                .Append("outcome").ToArray();
            var sent = Values(form, fields);
            var conditions = new List<ConditionBody?>();
            for (var j = 0; j < AssessmentOutcomeView.ConditionRows; j++)
            {
                sent[$"conditions-{j}-due"] = DateField.Compose(form[$"conditions-{j}-due-day"], form[$"conditions-{j}-due-month"], form[$"conditions-{j}-due-year"]);
                if (!string.IsNullOrWhiteSpace(sent[$"conditions-{j}-description"]) || !string.IsNullOrWhiteSpace(sent[$"conditions-{j}-ownerId"]) || sent[$"conditions-{j}-due"].Length > 0)
                {
                    conditions.Add(new ConditionBody($"c{j + 1}", sent[$"conditions-{j}-description"], sent[$"conditions-{j}-ownerId"], Date(sent[$"conditions-{j}-due"])));
                }
            }

            var results = assessment.Points.Select((p, i) => new ResultBody(
                p, sent[$"results-{i}-met"] switch { "true" => true, "false" => false, _ => null }, sent[$"results-{i}-reasons"], sent[$"results-{i}-recommendations"])).ToList();
            var result = await steps.RecordOutcomeAsync(project, assessment, req.HttpContext.User, new OutcomeBody(results, sent["outcome"], conditions), cancellationToken);
            return result.Outcome == ServiceOutcome.Invalid
                ? await Page<AssessmentOutcomeView>(req.HttpContext, project, assessmentId, assessment, [], sent, AssessmentFormModel.FormErrors(result.Errors), StatusCodes.Status400BadRequest)
                : await DoneAsync(req.HttpContext, project, result);
        }, cancellationToken);
    }

    private Task<IResult> Page<TView>(
        HttpContext http, ProjectDocument project, string assessmentId, ServiceAssessment? assessment, IReadOnlyList<ServiceAssessment> earlier,
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors, int status = StatusCodes.Status200OK)
        where TView : PageBase<AssessmentFormModel>
    {
        // The panel form offers only assessors; the others choose condition owners from everyone in the directory.
        var people = typeof(TView) == typeof(AssessmentPanelView) ? directory.People.Where(p => p.Holds(policy.AssessorRole)).ToList() : directory.People;
        return pages.PageAsync<TView, AssessmentFormModel>(http, new AssessmentFormModel(project, assessmentId, assessment, people, earlier, values, errors), status);
    }

    private async Task<IResult> DoneAsync(HttpContext http, ProjectDocument project, AssessmentResult result) => result switch
    {
        { Forbidden: true } => await pages.MessageAsync(http, new("You cannot do this", result.Reason!), StatusCodes.Status403Forbidden),
        { Outcome: ServiceOutcome.NotNow } => await pages.MessageAsync(http, new("This cannot be done now", result.Reason!), StatusCodes.Status409Conflict),
        _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/service/page"),
    };

    /// <summary>
    /// Finds the assessment (or answers why not), then shows the form on a GET, or reads the sent form (refusing a bad
    /// body with a sentence) and hands it to <paramref name="post"/>.
    /// </summary>
    private async Task<IResult> FormAsync(
        HttpRequest req, string id, string assessmentId, Func<(ProjectDocument Project, ServiceRecord Service, ServiceAssessment Assessment), Task<IResult>> show,
        Func<(ProjectDocument Project, ServiceRecord Service, ServiceAssessment Assessment), IFormCollection, Task<IResult>> post, CancellationToken cancellationToken)
    {
        var (found, missing) = await FindAsync(req, id, assessmentId, cancellationToken);
        if (found is null)
        {
            return missing!;
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await show(found.Value);
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        return form is null || bad is not null
            ? await pages.MessageAsync(req.HttpContext, new("Your form could not be sent", bad!.Message), bad.Status)
            : await post(found.Value, form);
    }

    private async Task<((ProjectDocument Project, ServiceRecord Service, ServiceAssessment Assessment)? Found, IResult? Missing)> FindAsync(
        HttpRequest req, string id, string assessmentId, CancellationToken cancellationToken)
    {
        var (project, service, refusal) = await steps.ForServiceAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return (null, await pages.RefusalAsync(req.HttpContext, refusal, "You cannot open this assessment"));
        }

        var assessment = App.Projects.ProjectRecordAccess.IsRecordId(assessmentId) ? await services.GetAssessmentAsync(project!.ProjectId, assessmentId, cancellationToken) : null;
        return assessment is null
            ? (null, await pages.MessageAsync(req.HttpContext, new("Assessment not found", "This service has no such assessment. Check the link."), StatusCodes.Status404NotFound))
            : ((project!, service!, assessment), null);
    }

    private static Dictionary<string, string> Values(IFormCollection form, params string[] fields) =>
        fields.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);

    private static void Rename(Dictionary<string, string> errors, params (string From, string To)[] names)
    {
        foreach (var (from, to) in names)
        {
            if (errors.Remove(from, out var message))
            {
                errors.TryAdd(to, message);
            }
        }
    }

    private static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
