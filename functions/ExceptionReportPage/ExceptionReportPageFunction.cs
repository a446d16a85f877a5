using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ExceptionReportPage;

/// <summary>What the report form shows: the exception, the project's milestones for the plan, the fields and their errors.</summary>
public sealed record ExceptionReportFormModel(
    ProjectDocument Project, ProjectException Exception, IReadOnlyList<MilestoneRecord> Milestones, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>What the confirmation shows: the exception whose report was sent, as stored.</summary>
public sealed record ExceptionReportSentModel(ProjectDocument Project, ProjectException Exception);

/// <summary>
/// The <c>ExceptionReportPage</c> function: <c>GET /api/projects/{id}/exceptions/{exceptionId}/report/edit</c> is
/// the exception report form for the project's manager, and its <c>POST</c> sends the report through the API's own
/// step (<see cref="ExceptionReports.SendAsync"/>), so the rules, the stored report, the audit and the approval gate
/// are the API's. Anyone else is refused and nothing changes.
/// </summary>
public sealed class ExceptionReportPageFunction(ProjectRepository projects, ExceptionReports reports, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    public const string Name = nameof(ExceptionReportPage);

    /// <summary>Where the form is, for links from the delivery page and My tasks.</summary>
    public static string Href(string projectId, string exceptionId) =>
        $"/api/projects/{Uri.EscapeDataString(projectId)}/exceptions/{Uri.EscapeDataString(exceptionId)}/report/edit";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/exceptions/{exceptionId}/report/edit")] HttpRequest req,
        string id, string exceptionId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await ProjectRecordAccess.CheckRecordingAsync(id, http.User, projects, directory, _ => false, cancellationToken);
        var exception = project is null ? null : await reports.FindAsync(project.ProjectId, exceptionId, cancellationToken);
        if (refusal == RecordRefusal.NotFound || (refusal is null && exception is null))
        {
            return await pages.MessageAsync(http, new("Exception not found", "There is no such exception that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        if (refusal == RecordRefusal.NotAllowed)
        {
            return await pages.MessageAsync(http, new("You cannot write this exception report", "Only the project's manager writes its exception reports."), StatusCodes.Status403Forbidden);
        }

        if (refusal == RecordRefusal.NotNow || !ExceptionReports.AwaitsReport(exception!))
        {
            return await NotNowAsync(http, project!, exception);
        }

        var milestones = await reports.MilestonesAsync(project!, cancellationToken);
        if (!HttpMethods.IsPost(req.Method))
        {
            var saved = ExceptionReportForm.FromReport(exception!.Report, milestones);
            return await pages.PageAsync<ExceptionReportFormPage, ExceptionReportFormModel>(http, new(project!, exception, milestones, saved.Values, new Dictionary<string, string>()));
        }

        var (posted, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (posted is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your exception report could not be sent", bad!.Message), bad.Status);
        }

        var form = ExceptionReportForm.FromPost(posted, milestones);
        var body = form.ToBody();
        var userId = http.User.UserId();

        // Everything wrong at once, as GOV.UK forms do: what could not be read, and the API's rules on the rest.
        var result = form.Errors.Count == 0
            ? await reports.SendAsync(client, project!, exceptionId, body, userId, cancellationToken)
            : new ReportResult(SendOutcome.Invalid, null, await reports.CheckAsync(project!, body, userId, cancellationToken));
        return result.Outcome switch
        {
            SendOutcome.Invalid => await pages.PageAsync<ExceptionReportFormPage, ExceptionReportFormModel>(
                http, new(project!, exception!, milestones, form.Values, form.PageErrors(result.Errors)), StatusCodes.Status400BadRequest),
            SendOutcome.NotNow => await NotNowAsync(http, project!, result.Exception),
            _ => await pages.PageAsync<ExceptionReportSentPage, ExceptionReportSentModel>(http, new(project!, result.Exception!)),
        };
    }

    private Task<IResult> NotNowAsync(HttpContext http, ProjectDocument project, ProjectException? exception) =>
        pages.MessageAsync(
            http,
            new(
                "The exception report cannot be sent now",
                exception is null || project.Stage is not (ProjectStage.Initiation or ProjectStage.Delivery)
                    ? $"The project is in {ProjectText.Stage(project.Stage).ToLowerInvariant()}: exception reports are written from approval until closure."
                    : $"Exception {exception.ExceptionId} is {ExceptionStatusText.Of(exception.Status).ToLowerInvariant()}: a report is written when one is asked for, or when more information is."),
            StatusCodes.Status409Conflict);
}
