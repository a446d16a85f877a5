using Delivery.Functions.App.Auth;
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
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectHighlights;

/// <summary>
/// Highlight reports. <c>PUT /api/projects/{id}/highlight-plan</c> is the project manager recording the cadence the
/// board set (days apart) and the stakeholders who receive reports besides the sponsor; <c>POST …/highlights</c> sends
/// today's report: the manager's summary, this period, next period, lessons and delivery confidence, with the status
/// of schedule, cost, scope, risk and benefits, the tolerance readings, risks, issues, changes and open exceptions
/// filled in from the records and kept as a dated snapshot, then emailed by a durable orchestration. <c>GET
/// …/highlights</c> shows the cadence, when the next is due and every report. Sending the same report again the same
/// day (a retry) changes nothing.
/// </summary>
public sealed class ProjectHighlightFunctions(
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
    public const string PlanName = "SetHighlightPlan";
    public const string SendName = "SendHighlightReport";
    public const string ListName = "ListHighlightReports";

    [Function(PlanName)]
    public async Task<IResult> PlanAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/highlight-plan")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "highlight reporting", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<HighlightPlanBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        body ??= HighlightPlanBody.Empty;
        var errors = body.Check(directory, limits);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = clock.GetUtcNow();
        var wanted = new HighlightPlan
        {
            ProjectId = project!.ProjectId,
            EveryDays = body.EveryDays!.Value,
            StakeholderIds = (body.StakeholderIds ?? []).Select(s => directory.Find(s)!.Id).Distinct(StringComparer.Ordinal).ToList(),
            UpdatedBy = user.UserId(),
            UpdatedAt = now,
        };
        var created = await highlights.TryCreatePlanAsync(wanted, cancellationToken);
        var stored = created ? wanted : await highlights.UpdatePlanAsync(project.ProjectId, p => Same(p, wanted) ? null : wanted with { ETag = p.ETag }, cancellationToken);
        if (created || stored!.UpdatedAt == now)
        {
            await audit.AppendAsync($"{project.ProjectId}~highlight-plan~{now.UtcTicks}", new AuditEntry
            {
                Id = string.Empty,
                ProjectId = project.ProjectId,
                At = now,
                Actor = wanted.UpdatedBy,
                Action = AuditAction.HighlightPlanSet,
                Summary = $"Highlight reports every {wanted.EveryDays} days, to the sponsor and {wanted.StakeholderIds.Count} stakeholder(s)",
            }, cancellationToken);
            await controls.RefreshAsync(project, cancellationToken);
        }

        return TypedResults.Ok(new HighlightPlanResponse(stored!.EveryDays, stored.StakeholderIds));
    }

    [Function(SendName)]
    public async Task<IResult> SendAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/highlights")] HttpRequest req,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "highlight reports", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<HighlightReportBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        body ??= HighlightReportBody.Empty;
        var (confidence, errors) = body.Check(lifecycle.DeliveryConfidenceScale, limits);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = clock.GetUtcNow();
        var today = UkTime.Today(now);
        var sent = new HighlightReport
        {
            Id = HighlightReport.IdFor(today),
            ProjectId = project!.ProjectId,
            ReportDate = today,
            PeriodFrom = await PeriodFromAsync(project, today, cancellationToken),
            Summary = body.Summary!.Trim(),
            ThisPeriod = body.ThisPeriod!.Trim(),
            NextPeriod = body.NextPeriod!.Trim(),
            Lessons = string.IsNullOrWhiteSpace(body.Lessons) ? null : body.Lessons.Trim(),
            DeliveryConfidence = confidence!,
            Facts = await FactsAsync(project, today, cancellationToken),
            SentBy = user.UserId(),
            SentAt = now,
        };
        var created = await highlights.TryCreateReportAsync(sent, cancellationToken);
        var stored = created ? sent : await highlights.GetReportAsync(project.ProjectId, today, cancellationToken);
        if (stored is null || !stored.SameAs(sent))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Already sent today", $"Today's highlight report for {project.ProjectId} has been sent already; a report is a dated snapshot, so the next one is sent on another day.");
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
            Subject = HighlightReport.IdFor(today),
        }, cancellationToken);
        await controls.RefreshAsync(project, cancellationToken);
        await StartSendingAsync(client, new HighlightSent(project.ProjectId, today), cancellationToken);
        var response = HighlightReportResponse.From(stored);
        return created ? TypedResults.Accepted($"/api/projects/{project.ProjectId}/highlights", response) : TypedResults.Ok(response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/highlights")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var plan = await highlights.GetPlanAsync(project!.ProjectId, cancellationToken);
        var reports = await highlights.ListReportsAsync(project.ProjectId, cancellationToken);
        var due = (await controls.GetAsync(project.ProjectId, cancellationToken))?.HighlightDue;
        return TypedResults.Ok(new HighlightsResponse(
            plan?.EveryDays ?? lifecycle.HighlightEveryDays,
            plan?.StakeholderIds ?? [],
            due,
            due is { } d && d < UkTime.Today(clock.GetUtcNow()),
            DeliveryConfidence.Labels(lifecycle.DeliveryConfidenceScale),
            reports.Select(HighlightReportResponse.From).ToList()));
    }

    private static bool Same(HighlightPlan a, HighlightPlan b) => a.EveryDays == b.EveryDays && a.StakeholderIds.SequenceEqual(b.StakeholderIds, StringComparer.Ordinal);

    /// <summary>The day after the last report, or the day the project was first approved.</summary>
    private async Task<DateOnly> PeriodFromAsync(ProjectDocument project, DateOnly today, CancellationToken cancellationToken)
    {
        var last = (await highlights.ListReportsAsync(project.ProjectId, cancellationToken)).FirstOrDefault(r => r.ReportDate < today);
        var first = project.EarlierBaselines.Count > 0 ? project.EarlierBaselines[0] : project.Baseline!;
        return last?.ReportDate.AddDays(1) ?? DateOnly.FromDateTime(first.ApprovedAt.UtcDateTime);
    }

    private async Task<HighlightFacts> FactsAsync(ProjectDocument project, DateOnly today, CancellationToken cancellationToken)
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
            await PeriodFromAsync(project, today, cancellationToken),
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
