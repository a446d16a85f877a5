using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.App.Controls;

/// <summary>What became of an exception report or a change request that was sent.</summary>
public enum SendOutcome
{
    /// <summary>Stored as a new version, audited and sent on to the approval gate.</summary>
    Sent,

    /// <summary>The same report again (a retry): nothing new is stored.</summary>
    Retried,

    /// <summary>Refused field by field; nothing stored.</summary>
    Invalid,

    /// <summary>It cannot be sent now: the exception is not waiting for a report, or the change is not waiting for more information.</summary>
    NotNow,
}

/// <summary>The result of sending a report: the outcome, the exception as stored, and the errors of a refused one.</summary>
public sealed record ReportResult(SendOutcome Outcome, ProjectException? Exception, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Sending an exception report, one code path for the API (<c>POST …/exceptions/{exceptionId}/report</c>) and the
/// report page, so they apply the same rules and store, audit and raise the same things. The caller has already
/// checked that the person is the project's manager and the project is in delivery.
/// </summary>
public sealed class ExceptionReports(ExceptionRepository exceptions, MilestoneRepository milestones, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project's exception by its public id (<c>Cost-1</c>), or null when there is none.</summary>
    public async Task<ProjectException?> FindAsync(string projectId, string exceptionId, CancellationToken cancellationToken) =>
        ProjectRecordAccess.IsRecordId(exceptionId) ? await exceptions.GetAsync(projectId, exceptionId, cancellationToken) : null;

    /// <summary>Whether the exception waits for its project manager's report.</summary>
    public static bool AwaitsReport(ProjectException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Status is ExceptionStatus.AwaitingReport or ExceptionStatus.MoreInformationRequested;
    }

    /// <summary>The project's milestones, which an exception plan may give new baselines.</summary>
    public Task<IReadOnlyList<MilestoneRecord>> MilestonesAsync(ProjectDocument project, CancellationToken cancellationToken) =>
        milestones.ListAsync(project, cancellationToken);

    /// <summary>The errors the report would be refused with, storing nothing: for a page that also found fields it could not read.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(ProjectDocument project, ExceptionReportBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Read(project, await milestones.ListAsync(project, cancellationToken), userId, clock.GetUtcNow(), limits).Errors;
    }

    /// <summary>
    /// Checks the report, stores it as the exception's next version when one is awaited, audits it once per
    /// version and raises it on the project's control orchestration; a retry of the stored report completes those
    /// steps again and changes nothing.
    /// </summary>
    public async Task<ReportResult> SendAsync(DurableTaskClient client, ProjectDocument project, string exceptionId, ExceptionReportBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var (report, errors) = body.Read(project, await milestones.ListAsync(project, cancellationToken), userId, now, limits);
        if (report is null)
        {
            return new ReportResult(SendOutcome.Invalid, null, errors);
        }

        var stored = await exceptions.UpdateAsync(project.ProjectId, exceptionId, e =>
            AwaitsReport(e)
                ? e with { Report = report, ReportVersion = e.ReportVersion + 1, Status = ExceptionStatus.AwaitingDecision, Decision = null }
                : null, cancellationToken);
        if (stored is null || stored.Status != ExceptionStatus.AwaitingDecision || !stored.Report!.SameAs(report))
        {
            return new ReportResult(SendOutcome.NotNow, stored, errors);
        }

        var isRetry = stored.Report.SubmittedAt != now;

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
        return new ReportResult(isRetry ? SendOutcome.Retried : SendOutcome.Sent, stored, errors);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
