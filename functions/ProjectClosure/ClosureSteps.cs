using System.Security.Claims;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.App.Workflows;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Closure;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Delivery.Workflows.Stages;
using Delivery.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectClosure;

/// <summary>How asking to close a project ended.</summary>
public enum ClosureOutcome
{
    /// <summary>A new version is with the sponsor.</summary>
    Sent,

    /// <summary>The same request sent again (a retry): nothing new, its gate made sure of.</summary>
    AlreadySent,

    /// <summary>Bad fields, each named; nothing stored.</summary>
    Invalid,

    /// <summary>A request is with the sponsor already, or the project is closed.</summary>
    NotNow,
}

/// <summary>What <see cref="ClosureSteps.RequestAsync"/> did, the request stored, and the errors by field.</summary>
public sealed record ClosureResult(ClosureOutcome Outcome, ClosureRequest? Closure, Dictionary<string, string[]> Errors);

/// <summary>
/// Closing a project, one set of rules for the API and the page: only the project's manager, in Initiation, Delivery or Closure;
/// the checklist complete and every open risk and issue given a new owner in the directory; the end project report
/// built from the project's own records, kept in Blob Storage as HTML and Word documents and sent with the request to the
/// sponsor through the approval gate. A request is sent again only after the sponsor asked for changes or rejected it.
/// </summary>
public sealed class ClosureSteps(
    ProjectRepository projects,
    ClosureRepository closures,
    BudgetRepository budget,
    MilestoneRepository milestones,
    RaidRepository raid,
    ChangeRepository changes,
    ExceptionRepository exceptions,
    StageRepository stages,
    HighlightRepository highlights,
    ApprovalPolicy directory,
    AuditLog audit,
    BlobServiceClient blobs,
    PageRenderer pages,
    InputLimits limits,
    TimeProvider clock)
{
    /// <summary>The project, or the refusal: 404 when the person may not see it, 403 unless they manage it, 409 unless it is in Initiation, Delivery or Closure.</summary>
    public async Task<(ProjectDocument? Project, IResult? Refusal)> ForClosingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (project, notFound) = await ProjectRecordAccess.ForReadingAsync(id, user, projects, cancellationToken);
        if (notFound is not null)
        {
            return (null, notFound);
        }

        if (!ProjectRecordAccess.IsManager(user, project!, directory))
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the project's manager can ask to close it."));
        }

        return project!.Stage is ProjectStage.Initiation or ProjectStage.Delivery or ProjectStage.Closure
            ? (project, null)
            : (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The project is in {project.Stage}; closure is asked for from Initiation, Delivery or Closure."));
    }

    /// <summary>The open risks and issues that need a new owner, for the form.</summary>
    public async Task<IReadOnlyList<RaidItem>> OpenItemsAsync(string projectId, CancellationToken cancellationToken) =>
        (await raid.ListAsync(projectId, cancellationToken)).Where(i => i.IsOpen && i.Kind is RaidKind.Risk or RaidKind.Issue).ToList();

    public async Task<ClosureResult> RequestAsync(ProjectDocument project, string userId, ClosureBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var log = await raid.ListAsync(project.ProjectId, cancellationToken);
        var (checklist, handover, errors) = body.Read(log, directory, limits);
        if (checklist is null)
        {
            return new(ClosureOutcome.Invalid, null, errors);
        }

        var current = await closures.GetAsync(project.ProjectId, cancellationToken);
        if (current is { Status: ClosureStatus.AwaitingDecision or ClosureStatus.Approved } && !SameRequest(current, body.Summary!, checklist, handover))
        {
            return new(ClosureOutcome.NotNow, current, errors);
        }

        var stored = current is { Status: ClosureStatus.AwaitingDecision or ClosureStatus.Approved }
            ? current
            : await StoreAsync(project, current, body.Summary!.Trim(), checklist, handover, log, userId, cancellationToken);
        if (stored is null)
        {
            return new(ClosureOutcome.NotNow, await closures.GetAsync(project.ProjectId, cancellationToken), errors);
        }

        // Audited and raised for the stored version on a retry too: a request cut short after storing completes here.
        await audit.AppendAsync($"{project.ProjectId}~closure~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.SentAt,
            Actor = stored.SentBy,
            Action = AuditAction.ClosureRequested,
            Summary = $"Closure asked for (version {stored.Version}), with the end project report; {stored.Handover.Count} open risk(s) and issue(s) to hand on",
        }, cancellationToken);
        if (stored.Status == ClosureStatus.AwaitingDecision)
        {
            await projects.UpdateAsync(project.ProjectId, p => p.Stage == ProjectStage.Closed ? null : p with
            {
                Stage = ProjectStage.Closure,
                StageChangedAt = p.Stage == ProjectStage.Closure ? p.StageChangedAt : stored.SentAt,
                WaitingFor = $"The sponsor's decision on closure (version {stored.Version})",
            }, cancellationToken);
            await ControlOrchestration.RaiseAsync(client, project.ProjectId, ClosureRequested.EventName, new ClosureRequested(project.ProjectId, stored.Version), cancellationToken);
        }

        return new(current?.Version == stored.Version ? ClosureOutcome.AlreadySent : ClosureOutcome.Sent, stored, errors);
    }

    private static bool SameRequest(ClosureRequest current, string summary, ClosureChecklist checklist, IReadOnlyList<Handover> handover) =>
        current.Summary == summary.Trim() && current.Checklist == checklist && current.Handover.SequenceEqual(handover);

    /// <summary>The next version with its report, written to Blob Storage first so the request never points at a missing document.</summary>
    private async Task<ClosureRequest?> StoreAsync(
        ProjectDocument project, ClosureRequest? current, string summary, ClosureChecklist checklist, IReadOnlyList<Handover> handover, IReadOnlyList<RaidItem> log, string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var version = (current?.Version ?? 0) + 1;
        var handedOn = handover.Select(h => new HandedOn(h.ItemId, h.Kind, h.Title, directory.Find(h.NewOwnerId)?.Name ?? h.NewOwnerId)).ToList();
        var report = EndProjectReports.Build(project, await RecordsAsync(project, log, cancellationToken), summary, handedOn, UkTime.Today(now), directory.BankHolidays);
        var blob = ClosureRequest.BlobFor(project.ProjectId, version);
        var html = await pages.RenderAsync<EndProjectReportDocument, EndProjectReport>(new PageContext(null, "/", null), report);
        await UploadAsync(blob, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", cancellationToken);
        await UploadAsync(ClosureRequest.WordBlobFor(project.ProjectId, version), EndProjectReportWord.Build(report), EndProjectReportWord.ContentType, cancellationToken);
        var request = new ClosureRequest
        {
            ProjectId = project.ProjectId,
            Summary = summary,
            Checklist = checklist,
            Handover = handover,
            Report = report,
            ReportBlob = blob,
            Version = version,
            Status = ClosureStatus.AwaitingDecision,
            SentBy = userId,
            SentAt = now,
        };
        if (current is null)
        {
            return await closures.TryCreateAsync(request, cancellationToken) ? request : null;
        }

        var stored = await closures.UpdateAsync(project.ProjectId, c => c.Version == current.Version && c.Status is ClosureStatus.ChangesRequested or ClosureStatus.Rejected
            ? request with { ETag = c.ETag }
            : null, cancellationToken);
        return stored?.Version == version ? stored : null;
    }

    private async Task<ProjectRecords> RecordsAsync(ProjectDocument project, IReadOnlyList<RaidItem> log, CancellationToken cancellationToken) => new(
        await budget.SummaryAsync(project.ProjectId, project.Baseline!.ApprovedBudget, cancellationToken),
        await milestones.ListAsync(project, cancellationToken),
        log,
        await changes.ListAsync(project.ProjectId, cancellationToken),
        await exceptions.ListAsync(project.ProjectId, cancellationToken),
        await stages.ListReportsAsync(project.ProjectId, cancellationToken),
        await highlights.ListReportsAsync(project.ProjectId, cancellationToken));

    private async Task UploadAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken) =>
        await blobs.GetBlobContainerClient(BlobContainers.Documents).GetBlobClient(name).UploadAsync(
            new BinaryData(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    /// <summary>
    /// The stored Word document of the latest version, for download. Versions sent before the report was also kept as
    /// a Word document get it now, from the report stored with the request (the same record the HTML was made from).
    /// </summary>
    public async Task<byte[]> ReportWordAsync(ClosureRequest closure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var name = ClosureRequest.WordBlobFor(closure.ProjectId, closure.Version);
        var blob = blobs.GetBlobContainerClient(BlobContainers.Documents).GetBlobClient(name);
        if (await blob.ExistsAsync(cancellationToken))
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }

        var document = EndProjectReportWord.Build(closure.Report);
        await UploadAsync(name, document, EndProjectReportWord.ContentType, cancellationToken);
        return document;
    }

    /// <summary>The stored report document of the latest version, for download.</summary>
    public async Task<string?> ReportHtmlAsync(ClosureRequest closure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var blob = blobs.GetBlobContainerClient(BlobContainers.Documents).GetBlobClient(closure.ReportBlob);
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return null;
        }

        return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
    }
}
