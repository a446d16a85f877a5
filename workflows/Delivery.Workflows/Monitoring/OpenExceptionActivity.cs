using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// Opens the exception for a breach (or raises its band when the episode worsened), audits it, asks the project
/// manager for an exception report by email and shows on the project what it now waits for. Every step is once
/// only under the episode and band, so a breach delivered twice changes nothing the second time.
/// </summary>
public sealed class OpenExceptionActivity(ExceptionRepository exceptions, ProjectRepository projects, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment, TimeProvider clock)
    : TaskActivity<ToleranceBreach, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ToleranceBreach input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None);
        if (project?.ProjectManager is not { } pm)
        {
            return false;
        }

        var opened = new ProjectException
        {
            Id = ProjectException.IdFor(input.Kind, input.Episode),
            ProjectId = input.ProjectId,
            Kind = input.Kind,
            Episode = input.Episode,
            Band = input.Band,
            Measure = input.Measure,
            RaisedOn = input.DetectedOn,
            Status = ExceptionStatus.AwaitingReport,
        };
        var stored = await exceptions.CreateOrGetAsync(opened, CancellationToken.None);
        if (stored.Band < input.Band)
        {
            // Worse than when it was reported on: a new report is needed, unless one is being decided now.
            await exceptions.UpdateAsync(stored.ProjectId, stored.ExceptionId, e => e.Band >= input.Band ? null : e with
            {
                Band = input.Band,
                Measure = input.Measure,
                Status = e.Status == ExceptionStatus.AwaitingDecision ? e.Status : ExceptionStatus.AwaitingReport,
            }, CancellationToken.None);
        }

        var what = ExceptionReportRequestEmail.Title(input.Kind);
        await audit.AppendAsync($"{input.ProjectId}~exception~{input.Key}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = input.ProjectId,
            At = clock.GetUtcNow(),
            Actor = AuditEntry.System,
            Action = AuditAction.ToleranceBreached,
            Summary = $"{what} {(input.Worsened ? "breach worsened" : "exceeded")} (episode {input.Episode}, band {input.Band}): {input.Measure}",
            Subject = input.Key,
        }, CancellationToken.None);

        var message = ExceptionReportRequestEmail.Build(project, pm, input, environment.PublicBaseUrl);
        await outbox.SendOnceAsync(input.ProjectId, $"{input.ProjectId}:exception:{input.Key}", message, CancellationToken.None);
        await projects.UpdateAsync(input.ProjectId, p => p with { WaitingFor = $"An exception report from {pm.Name}: {what.ToLowerInvariant()} exceeded" }, CancellationToken.None);
        return true;
    }
}
