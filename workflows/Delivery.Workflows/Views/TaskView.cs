using System.Net;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Views;

/// <summary>
/// "My tasks": what waits for each person, one partition per person in the views container, written by the
/// repositories whenever an approval step, a business case or an exception changes, so it is as current as the documents.
/// Every write is an upsert or delete by a deterministic id, so a retried activity changes nothing further.
/// </summary>
public sealed class TaskView(Database database, ApprovalPolicy approvals, ApprovalDeadlines deadlines, Benefits.BenefitReviewPolicy? benefitReviews = null)
{
    private readonly Container _views = database.GetContainer(DataContainers.Views);
    private readonly ProjectPartition<ProjectDocument> _projects = new(database);

    /// <summary>Everything waiting for the person, oldest first.</summary>
    public async Task<IReadOnlyList<PersonTask>> ListAsync(string personId, CancellationToken cancellationToken)
    {
        var viewId = ViewIds.TasksOf(personId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.viewId = @viewId AND c.type = @type")
            .WithParameter("@viewId", viewId)
            .WithParameter("@type", PersonTask.DocumentType);
        var tasks = await PartitionQuery.WithLookupRetryAsync(
            async () =>
            {
                var read = new List<PersonTask>();
                using var iterator = _views.GetItemQueryIterator<PersonTask>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(viewId) });
                while (iterator.HasMoreResults)
                {
                    read.AddRange(await iterator.ReadNextAsync(cancellationToken));
                }

                return read;
            },
            cancellationToken);
        return tasks.OrderBy(t => t.Since).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A pending step is a task for its approver and its delegate; a decided or closed one is nobody's. A delegate
    /// who was replaced loses the task (<paramref name="before"/> names them).
    /// </summary>
    public async Task SyncStepAsync(ApprovalStepDocument step, ApprovalStepDocument? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var holders = step.Status == StepStatus.Pending
            ? new[] { step.Approver.Id, step.Delegate?.Id }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : [];
        var formerly = new[] { step.Approver.Id, step.Delegate?.Id, before?.Delegate?.Id }.OfType<string>()
            .Where(id => !holders.Contains(id, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var person in formerly)
        {
            await DeleteAsync(person, step.Id, cancellationToken);
        }

        if (holders.Count == 0)
        {
            return;
        }

        var title = (await _projects.GetAsync(step.ProjectId, step.ProjectId, cancellationToken))?.Request.Title ?? step.ProjectId;
        var due = deadlines.DueAfter(step.RequestedAt, approvals.EscalateAfterWorkingDays, approvals.BankHolidays);
        foreach (var person in holders)
        {
            await UpsertAsync(new PersonTask
            {
                Id = step.Id,
                ViewId = ViewIds.TasksOf(person),
                Kind = PersonTaskKind.Decide,
                ProjectId = step.ProjectId,
                ProjectTitle = title,
                Subject = $"{step.Subject}: {step.Label.ToLowerInvariant()} decision",
                Href = $"/api/approvals/{Uri.EscapeDataString(step.Id)}",
                Since = step.RequestedAt,
                DueAt = due,
            }, cancellationToken);
        }
    }

    /// <summary>A business case to write or to revise is a task for the person who requested the project.</summary>
    public async Task SyncBusinessCaseAsync(BusinessCaseDocument businessCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessCase);
        var project = await _projects.GetAsync(businessCase.ProjectId, businessCase.ProjectId, cancellationToken);
        if (project is null)
        {
            return;
        }

        PersonTaskKind? kind = businessCase.Status switch
        {
            BusinessCaseStatus.NotStarted or BusinessCaseStatus.Draft => PersonTaskKind.WriteBusinessCase,
            BusinessCaseStatus.ChangesRequested => PersonTaskKind.ReviseBusinessCase,
            _ => null,
        };
        foreach (var other in new[] { PersonTaskKind.WriteBusinessCase, PersonTaskKind.ReviseBusinessCase }.Where(k => k != kind))
        {
            await DeleteAsync(project.SubmittedBy, BusinessCaseTaskId(project.ProjectId, other), cancellationToken);
        }

        if (kind is not { } current)
        {
            return;
        }

        var caseName = businessCase.CurrentKind is { } k ? k.Title() : "Business case";
        await UpsertAsync(new PersonTask
        {
            Id = BusinessCaseTaskId(project.ProjectId, current),
            ViewId = ViewIds.TasksOf(project.SubmittedBy),
            Kind = current,
            ProjectId = project.ProjectId,
            ProjectTitle = project.Request.Title,
            Subject = current == PersonTaskKind.ReviseBusinessCase ? $"{caseName}: changes requested" : $"{caseName}: write and submit",
            Href = $"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/business-case/edit",
            Since = current == PersonTaskKind.ReviseBusinessCase ? businessCase.DraftUpdatedAt ?? project.SubmittedAt : project.StageChangedAt ?? project.SubmittedAt,
        }, cancellationToken);
    }

    /// <summary>
    /// An exception waiting for its report (first asked for, or more information asked for) is a task for the
    /// project's manager; once the report is sent, or the exception is decided, it is nobody's.
    /// </summary>
    public async Task SyncExceptionAsync(ProjectException exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var project = await _projects.GetAsync(exception.ProjectId, exception.ProjectId, cancellationToken);
        if (project?.ProjectManager is not { } pm || approvals.FindByEmail(pm.Email) is not { } manager)
        {
            return;
        }

        var id = $"{project.ProjectId}~exception~{exception.ExceptionId}";
        if (exception.Status is not (ExceptionStatus.AwaitingReport or ExceptionStatus.MoreInformationRequested))
        {
            await DeleteAsync(manager.Id, id, cancellationToken);
            return;
        }

        var again = exception.Status == ExceptionStatus.MoreInformationRequested;
        await UpsertAsync(new PersonTask
        {
            Id = id,
            ViewId = ViewIds.TasksOf(manager.Id),
            Kind = PersonTaskKind.WriteExceptionReport,
            ProjectId = project.ProjectId,
            ProjectTitle = project.Request.Title,
            Subject = $"Exception report {exception.ExceptionId}: {(again ? "more information asked for" : exception.Kind.ToString().ToLowerInvariant() + " tolerance exceeded")}",
            Href = $"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/exceptions/{Uri.EscapeDataString(exception.ExceptionId)}/report/edit",
            Since = again && exception.Decision is { } decision ? decision.DecidedAt : new DateTimeOffset(exception.RaisedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        }, cancellationToken);
    }

    /// <summary>
    /// An end stage report the stage gate sent back (more information asked for, or the next stage refused) is a task
    /// for the project's manager until a new version is sent; otherwise it is nobody's.
    /// </summary>
    public async Task SyncEndStageReportAsync(Stages.EndStageReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (await ManagerOfAsync(report.ProjectId, cancellationToken) is not { } found)
        {
            return;
        }

        var id = $"{report.ProjectId}~end-stage~{report.StageId}";
        if (report.Status is not (Stages.EndStageStatus.MoreInformationRequested or Stages.EndStageStatus.Refused))
        {
            await DeleteAsync(found.Manager.Id, id, cancellationToken);
            return;
        }

        await UpsertAsync(new PersonTask
        {
            Id = id,
            ViewId = ViewIds.TasksOf(found.Manager.Id),
            Kind = PersonTaskKind.ReviseEndStageReport,
            ProjectId = report.ProjectId,
            ProjectTitle = found.Project.Request.Title,
            Subject = $"End stage report for {report.StageName}: {(report.Status == Stages.EndStageStatus.Refused ? "the next stage was refused" : "more information asked for")}",
            Href = $"/api/projects/{Uri.EscapeDataString(report.ProjectId)}/stages/{Uri.EscapeDataString(report.StageId)}/end-report/edit",
            Since = report.Decision?.DecidedAt ?? report.SentAt,
        }, cancellationToken);
    }

    /// <summary>
    /// The next highlight report is a standing task for the manager of a project in Initiation or Delivery, due on
    /// <paramref name="due"/>; a project that is no longer running has none.
    /// </summary>
    public async Task SyncHighlightReportAsync(ProjectDocument project, DateOnly due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.ProjectManager is not { } pm || approvals.FindByEmail(pm.Email) is not { } manager)
        {
            return;
        }

        var id = $"{project.ProjectId}~highlight-report";
        if (project.Stage is not (ProjectStage.Initiation or ProjectStage.Delivery))
        {
            await DeleteAsync(manager.Id, id, cancellationToken);
            return;
        }

        await UpsertAsync(new PersonTask
        {
            Id = id,
            ViewId = ViewIds.TasksOf(manager.Id),
            Kind = PersonTaskKind.WriteHighlightReport,
            ProjectId = project.ProjectId,
            ProjectTitle = project.Request.Title,
            Subject = "Highlight report",
            Href = $"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/highlight-reports/new",
            Since = project.Baseline?.ApprovedAt ?? project.SubmittedAt,
            DueAt = new DateTimeOffset(due.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero), // overdue from the day after, as the reminder says
        }, cancellationToken);
    }

    /// <summary>
    /// An open benefits review is a task for the benefit's owner, due when the reminder would go
    /// (<see cref="Benefits.BenefitReviewPolicy.ReminderAfter"/> after it opened); once recorded it is nobody's.
    /// </summary>
    public async Task SyncBenefitReviewAsync(ProjectDocument project, Benefits.BenefitReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(review);
        var id = $"{review.ProjectId}~benefit-review~{review.BenefitId}~{review.Review}";
        if (review.Recorded)
        {
            await DeleteAsync(review.OwnerId, id, cancellationToken);
            return;
        }

        var (benefit, _, _) = Benefits.BenefitForecast.Measurable(project, review.BenefitId);
        await UpsertAsync(new PersonTask
        {
            Id = id,
            ViewId = ViewIds.TasksOf(review.OwnerId),
            Kind = PersonTaskKind.RecordBenefitReview,
            ProjectId = review.ProjectId,
            ProjectTitle = project.Request.Title,
            Subject = $"Benefits review {review.Review}: {benefit?.Measure ?? review.BenefitId}",
            Href = $"/api/projects/{Uri.EscapeDataString(review.ProjectId)}/benefits/{Uri.EscapeDataString(review.BenefitId)}/reviews/{review.Review}/page",
            Since = review.OpenedAt,
            DueAt = review.OpenedAt + (benefitReviews?.ReminderAfter ?? TimeSpan.FromDays(14)),
        }, cancellationToken);
    }

    private async Task<(ProjectDocument Project, Approver Manager)?> ManagerOfAsync(string projectId, CancellationToken cancellationToken)
    {
        var project = await _projects.GetAsync(projectId, projectId, cancellationToken);
        return project?.ProjectManager is { } pm && approvals.FindByEmail(pm.Email) is { } manager ? (project, manager) : null;
    }

    private static string BusinessCaseTaskId(string projectId, PersonTaskKind kind) => $"{projectId}~{kind}";

    private async Task UpsertAsync(PersonTask task, CancellationToken cancellationToken) =>
        await _views.UpsertItemAsync(task, new PartitionKey(task.ViewId), cancellationToken: cancellationToken);

    private async Task DeleteAsync(string personId, string id, CancellationToken cancellationToken)
    {
        try
        {
            await _views.DeleteItemAsync<PersonTask>(id, new PartitionKey(ViewIds.TasksOf(personId)), cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Not there: nothing to do.
        }
    }
}
