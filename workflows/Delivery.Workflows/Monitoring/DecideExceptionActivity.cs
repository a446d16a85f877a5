using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// Applies the decision on an exception report. Approved: the exception plan re-baselines the project (approved
/// budget, the plan's milestone dates, and the tolerances the approver set), the earlier baseline kept. Changes
/// requested: the project manager is asked for more information and sends the report again. Rejected: the project
/// moves to Closure, to close early. Each step is once only, so a retried activity changes nothing more.
/// </summary>
public sealed class DecideExceptionActivity(
    ExceptionRepository exceptions, ProjectRepository projects, Rebaseliner rebaseliner, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment, TimeProvider clock)
    : TaskActivity<ExceptionGateOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ExceptionGateOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var report = input.Report;
        if (!input.Result.TryDecision(out var deciding))
        {
            return false;
        }

        var outcome = input.Result.Outcome;
        var status = outcome switch
        {
            ApprovalOutcome.Approved => ExceptionStatus.PlanApproved,
            ApprovalOutcome.ChangesRequested => ExceptionStatus.MoreInformationRequested,
            _ => ExceptionStatus.ClosedEarly,
        };
        var exception = await exceptions.UpdateAsync(report.ProjectId, report.ExceptionId, e =>
            e.ReportVersion == report.ReportVersion && e.Status == ExceptionStatus.AwaitingDecision
                ? e with { Status = status, Decision = new ExceptionDecision(outcome, deciding.DecidedBy, deciding.DecidedAt) }
                : null, CancellationToken.None);
        if (exception?.Report is null || exception.ReportVersion != report.ReportVersion)
        {
            return false;
        }

        var project = outcome switch
        {
            ApprovalOutcome.Approved => await rebaseliner.ApplyAsync(
                report.ProjectId,
                report.GateId,
                old => exception.Report.Plan?.ApprovedBudget ?? old.ApprovedBudget,
                exception.Report.Plan?.Milestones ?? [],
                deciding.Adjustments?.Tolerances,
                changeBudgetUsed: 0m,
                deciding,
                $"Delivery to the exception plan approved for {exception.ExceptionId}"),
            ApprovalOutcome.ChangesRequested => await projects.UpdateAsync(report.ProjectId, p => p with { WaitingFor = $"More information for exception report {report.ExceptionId} from {p.ProjectManager?.Name}" }, CancellationToken.None),
            _ => await projects.UpdateAsync(report.ProjectId, p => p.Stage == ProjectStage.Closure ? null : p with
            {
                Stage = ProjectStage.Closure,
                StageChangedAt = deciding.DecidedAt,
                WaitingFor = $"Closure: the project is to close early (exception {report.ExceptionId})",
            }, CancellationToken.None),
        } ?? throw new InvalidOperationException($"Project {report.ProjectId} does not exist.");

        var what = outcome switch
        {
            ApprovalOutcome.Approved => "exception plan approved: the project is re-baselined",
            ApprovalOutcome.ChangesRequested => "more information asked for",
            _ => "rejected: the project is to close early",
        };
        await audit.AppendAsync($"{report.ProjectId}~{report.GateId}~decided", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = report.ProjectId,
            At = clock.GetUtcNow(),
            Actor = deciding.DecidedBy,
            OnBehalfOf = deciding.OnBehalfOf,
            Action = AuditAction.ExceptionDecided,
            Summary = $"Exception report {report.ExceptionId} (version {report.ReportVersion}): {what}",
            Subject = report.ExceptionId,
        }, CancellationToken.None);

        var recipients = new[] { project.ProjectManager, outcome == ApprovalOutcome.Rejected ? project.Request.Sponsor : null }
            .OfType<Person>().DistinctBy(p => p.Email.ToUpperInvariant());
        foreach (var to in recipients)
        {
            var message = ExceptionDecisionEmail.Build(project, to, report.ExceptionId, outcome, environment.PublicBaseUrl);
            await outbox.SendOnceAsync(report.ProjectId, $"{report.ProjectId}:{report.GateId}:decided:{to.Email}", message, CancellationToken.None);
        }

        return true;
    }
}
