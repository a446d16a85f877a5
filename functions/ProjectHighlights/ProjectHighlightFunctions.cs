using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
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
    HighlightReporting reporting,
    ControlsView controls,
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
        var (project, refusal) = await reporting.ForSendingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<HighlightReportBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var sent = await reporting.SendAsync(project!, req.HttpContext.User.UserId(), body ?? HighlightReportBody.Empty, client, cancellationToken);
        return sent.Outcome switch
        {
            HighlightSendOutcome.Invalid => Problems.Validation(sent.Errors),
            HighlightSendOutcome.AlreadySentToday => Problems.Status(StatusCodes.Status409Conflict, "Already sent today", HighlightReporting.AlreadySentMessage),
            HighlightSendOutcome.Sent => TypedResults.Accepted($"/api/projects/{project!.ProjectId}/highlights", HighlightReportResponse.From(sent.Report!)),
            _ => TypedResults.Ok(HighlightReportResponse.From(sent.Report!)),
        };
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
}
