using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectHighlights;

/// <summary>How sending a highlight report ended.</summary>
public enum HighlightSendOutcome
{
    /// <summary>Stored, audited and on its way to the sponsor and stakeholders.</summary>
    Sent,

    /// <summary>The same report was already sent today (a retry): nothing new, its sending made sure of.</summary>
    AlreadySent,

    /// <summary>Today's report was sent with other content: a report is a dated snapshot, so nothing changes.</summary>
    AlreadySentToday,

    /// <summary>Bad fields, each named; nothing stored.</summary>
    Invalid,
}

/// <summary>What <see cref="HighlightReporting.SendAsync"/> did, the report stored, and the errors by field.</summary>
public sealed record HighlightSendResult(HighlightSendOutcome Outcome, HighlightReport? Report, Dictionary<string, string[]> Errors);

/// <summary>
/// Sending a highlight report, one set of rules for the API and the page: only the project's manager, from approval
/// to closure; the manager's words checked field by field; the status, tolerance readings, risks, issues, changes and
/// exceptions filled in from the records; stored once a UK day as a dated snapshot, audited, the control figures
/// refreshed (the next due date moves) and the emails started by a durable orchestration.
/// </summary>
public sealed class HighlightReporting(
    ProjectRepository projects,
    HighlightRepository highlights,
    ControlsView controls,
    RaidRepository raid,
    ChangeRepository changes,
    ExceptionRepository exceptions,
    ApprovalPolicy directory,
    LifecyclePolicy lifecycle,
    AuditLog audit,
    InputLimits limits,
    TimeProvider clock)
{
    public const string AlreadySentMessage = "Today's highlight report has been sent already; a report is a dated snapshot, so the next one is sent on another day.";

    /// <summary>The project, or the API's refusal (404 not visible, 403 not its manager, 409 outside Initiation and Delivery).</summary>
    public Task<(ProjectDocument? Project, IResult? Refusal)> ForSendingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "highlight reports", (string.Empty, _ => false), cancellationToken);

    public async Task<HighlightSendResult> SendAsync(ProjectDocument project, string userId, HighlightReportBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(client);
        var (confidence, errors) = body.Check(lifecycle.DeliveryConfidenceScale, limits);
        if (errors.Count > 0)
        {
            return new(HighlightSendOutcome.Invalid, null, errors);
        }

        var now = clock.GetUtcNow();
        var today = UkTime.Today(now);
        var periodFrom = await PeriodFromAsync(project, today, cancellationToken);
        var sent = new HighlightReport
        {
            Id = HighlightReport.IdFor(today),
            ProjectId = project.ProjectId,
            ReportDate = today,
            PeriodFrom = periodFrom,
            Summary = body.Summary!.Trim(),
            ThisPeriod = body.ThisPeriod!.Trim(),
            NextPeriod = body.NextPeriod!.Trim(),
            Lessons = string.IsNullOrWhiteSpace(body.Lessons) ? null : body.Lessons.Trim(),
            DeliveryConfidence = confidence!,
            Facts = await FactsAsync(project, periodFrom, today, cancellationToken),
            SentBy = userId,
            SentAt = now,
        };
        var created = await highlights.TryCreateReportAsync(sent, cancellationToken);
        var stored = created ? sent : await highlights.GetReportAsync(project.ProjectId, today, cancellationToken);
        if (stored is null || !stored.SameAs(sent))
        {
            return new(HighlightSendOutcome.AlreadySentToday, stored, errors);
        }

        // Audited, refreshed and sent for the stored report on a retry too: a request cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~highlight~{today:yyyy-MM-dd}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.SentAt,
            Actor = stored.SentBy,
            Action = AuditAction.HighlightReported,
            Summary = $"Highlight report of {today:yyyy-MM-dd} sent; delivery confidence {stored.DeliveryConfidence}",
            Subject = stored.Id,
        }, cancellationToken);
        await controls.RefreshAsync(project, cancellationToken);
        await StartSendingAsync(client, new HighlightSent(project.ProjectId, today), cancellationToken);
        return new(created ? HighlightSendOutcome.Sent : HighlightSendOutcome.AlreadySent, stored, errors);
    }

    /// <summary>The day after the last report, or the day the project was first approved.</summary>
    private async Task<DateOnly> PeriodFromAsync(ProjectDocument project, DateOnly today, CancellationToken cancellationToken)
    {
        var last = (await highlights.ListReportsAsync(project.ProjectId, cancellationToken)).FirstOrDefault(r => r.ReportDate < today);
        var first = project.EarlierBaselines.Count > 0 ? project.EarlierBaselines[0] : project.Baseline!;
        return last?.ReportDate.AddDays(1) ?? DateOnly.FromDateTime(first.ApprovedAt.UtcDateTime);
    }

    private async Task<HighlightFacts> FactsAsync(ProjectDocument project, DateOnly periodFrom, DateOnly today, CancellationToken cancellationToken)
    {
        var figures = await controls.GetAsync(project.ProjectId, cancellationToken);
        if (figures is null)
        {
            await controls.RefreshAsync(project, cancellationToken);
            figures = await controls.GetAsync(project.ProjectId, cancellationToken) ?? throw new InvalidOperationException($"Project {project.ProjectId} has no control figures.");
        }

        return HighlightStatus.From(
            figures,
            await raid.ListAsync(project.ProjectId, cancellationToken),
            await changes.ListAsync(project.ProjectId, cancellationToken),
            await exceptions.ListAsync(project.ProjectId, cancellationToken),
            periodFrom,
            today,
            directory.BankHolidays,
            lifecycle.AmberAtPercent);
    }

    /// <summary>One sending per report: an instance already there (running or done) is this report's, so nothing more starts.</summary>
    private static async Task StartSendingAsync(DurableTaskClient client, HighlightSent input, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(HighlightReportOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Started meanwhile by a concurrent retry of the same request; anything else is a failure.
            if (await client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }
        }
    }
}
