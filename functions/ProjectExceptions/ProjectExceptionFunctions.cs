using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectExceptions;

/// <summary>
/// Exceptions: <c>POST /api/projects/{id}/exceptions/{exceptionId}/report</c> is the project manager's exception
/// report (when one is asked for, or more information was), which goes through an approval gate to the level that
/// set the tolerance; <c>GET /api/projects/{id}/exceptions</c> lists them with their reports and decisions. Sending
/// the same report again (a retry) changes nothing and is not gated twice.
/// </summary>
public sealed class ProjectExceptionFunctions(ProjectRepository projects, ExceptionRepository exceptions, MilestoneRepository milestones, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string ReportName = "SendExceptionReport";
    public const string ListName = "ListExceptions";

    [Function(ReportName)]
    public async Task<IResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/exceptions/{exceptionId}/report")] HttpRequest req,
        string id,
        string exceptionId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "exception reports", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var current = ProjectRecordAccess.IsRecordId(exceptionId) ? await exceptions.GetAsync(project!.ProjectId, exceptionId, cancellationToken) : null;
        if (current is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Exception not found", $"The project has no exception {exceptionId}.");
        }

        var (body, failure) = await JsonBody.ReadAsync<ExceptionReportBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        var (report, errors) = (body ?? ExceptionReportBody.Empty).Read(project!, await milestones.ListAsync(project!, cancellationToken), user.UserId(), now, limits);
        if (report is null)
        {
            return Problems.Validation(errors);
        }

        var stored = await exceptions.UpdateAsync(project!.ProjectId, exceptionId, e =>
            e.Status is ExceptionStatus.AwaitingReport or ExceptionStatus.MoreInformationRequested
                ? e with { Report = report, ReportVersion = e.ReportVersion + 1, Status = ExceptionStatus.AwaitingDecision, Decision = null }
                : null, cancellationToken);
        var isRetry = stored is { Status: ExceptionStatus.AwaitingDecision, Report: { } sent } && sent.SameAs(report) && sent.SubmittedAt != now;
        if (stored is null || stored.Status != ExceptionStatus.AwaitingDecision || !stored.Report!.SameAs(report))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Exception {exceptionId} is {stored?.Status}: a report is sent when one is asked for, or more information is.");
        }

        // Audited and raised for the stored version on a retry too: a request cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~exception~{exceptionId}~report~v{stored.ReportVersion}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.Report.SubmittedAt,
            Actor = stored.Report.SubmittedBy,
            Action = AuditAction.ExceptionReported,
            Summary = $"Exception report {exceptionId} sent (version {stored.ReportVersion}); recommendation: {Shorten(stored.Report.Recommendation)}",
            Subject = exceptionId,
        }, cancellationToken);
        await ControlOrchestration.RaiseAsync(client, project.ProjectId, ExceptionReported.EventName, new ExceptionReported(project.ProjectId, exceptionId, stored.ReportVersion), cancellationToken);
        var response = ExceptionResponse.From(stored);
        return isRetry ? TypedResults.Ok(response) : TypedResults.Accepted($"/api/projects/{project.ProjectId}/exceptions", response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/exceptions")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok((await exceptions.ListAsync(project!.ProjectId, cancellationToken)).Select(ExceptionResponse.From).ToList());
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>An exception as the API shows it, without storage fields.</summary>
public sealed record ExceptionResponse(string ExceptionId, ToleranceKind Kind, int Episode, int Band, string Measure, DateOnly RaisedOn, ExceptionStatus Status, ExceptionReport? Report, int ReportVersion, ExceptionDecision? Decision)
{
    public static ExceptionResponse From(ProjectException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ExceptionResponse(e.ExceptionId, e.Kind, e.Episode, e.Band, e.Measure, e.RaisedOn, e.Status, e.Report, e.ReportVersion, e.Decision);
    }
}
