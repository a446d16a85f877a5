using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
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
public sealed class ProjectExceptionFunctions(ProjectRepository projects, ExceptionRepository exceptions, ExceptionReports reports, ApprovalPolicy directory, InputLimits limits)
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

        var current = await reports.FindAsync(project!.ProjectId, exceptionId, cancellationToken);
        if (current is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Exception not found", $"The project has no exception {exceptionId}.");
        }

        var (body, failure) = await JsonBody.ReadAsync<ExceptionReportBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await reports.SendAsync(client, project, exceptionId, body ?? ExceptionReportBody.Empty, user.UserId(), cancellationToken);
        return result.Outcome switch
        {
            SendOutcome.Invalid => Problems.Validation(result.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
            SendOutcome.NotNow => Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Exception {exceptionId} is {result.Exception?.Status}: a report is sent when one is asked for, or more information is."),
            SendOutcome.Retried => TypedResults.Ok(ExceptionResponse.From(result.Exception!)),
            _ => TypedResults.Accepted($"/api/projects/{project.ProjectId}/exceptions", ExceptionResponse.From(result.Exception!)),
        };
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/exceptions")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok((await exceptions.ListAsync(project!.ProjectId, cancellationToken)).Select(ExceptionResponse.From).ToList());
    }
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
