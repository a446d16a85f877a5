using System.Net;
using System.Runtime.CompilerServices;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// The <c>controls</c> partition of the views container: one <see cref="ControlFigures"/> per approved project,
/// refreshed from the project's own records whenever they change, and read by the tolerance monitor a page at a time.
/// Each refresh also writes the project's portfolio figures on its <see cref="PortfolioRow"/>, so the portfolio
/// follows every spend, forecast, milestone, risk, exception and highlight report (and a service's phase) without
/// reading them per request.
/// </summary>
public sealed class ControlsView(Database database, BudgetRepository budget, MilestoneRepository milestones, RaidRepository raid, BenefitRepository benefits, Highlights.HighlightRepository highlights, ProjectLifecycle.LifecyclePolicy lifecycle, TaskView tasks, PortfolioView portfolio, TimeProvider clock)
{
    private static readonly PartitionKey Partition = new(ViewIds.Controls);
    private readonly Container _views = database.GetContainer(DataContainers.Views);
    private readonly ProjectPartition<ProjectDocument> _projects = new(database);
    private readonly Container _projectRecords = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<Services.ServiceRecord> _services = new(database);
    private readonly ProjectPartition<TeamBudget.TeamCostRecord> _teamCosts = new(database);
    private readonly ProjectPartition<Cadence.TeamCadence> _cadences = new(database);

    /// <summary>
    /// Recomputes the project's figures from its document, budget, milestones, RAID log and benefit forecasts,
    /// keeping the monitor's episodes. A project without a baseline (not yet approved) has none. Safe to run again at
    /// any time.
    /// </summary>
    public async Task RefreshAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        await RefreshAsync(project.ProjectId, cancellationToken);
    }

    /// <inheritdoc cref="RefreshAsync(ProjectDocument, CancellationToken)"/>
    public async Task RefreshAsync(string projectId, CancellationToken cancellationToken)
    {
        // The stored figures (and their ETag) are read before the project and its records, so a write that succeeds
        // was computed from what was there after every earlier write: two refreshes racing never leave older figures.
        // The portfolio row is read first for the same reason.
        while (true)
        {
            var stored = await GetAsync(projectId, cancellationToken);
            var row = await portfolio.GetRowAsync(projectId, cancellationToken);
            if (await _projects.GetAsync(projectId, projectId, cancellationToken) is not { Baseline: { } baseline } current)
            {
                return;
            }

            var (fresh, portfolioFigures) = await ComputeAsync(current, baseline, cancellationToken);
            var figures = fresh with { OpenEpisodes = stored?.OpenEpisodes ?? fresh.OpenEpisodes, EpisodeCounts = stored?.EpisodeCounts ?? fresh.EpisodeCounts };
            try
            {
                _ = stored is null
                    ? await _views.CreateItemAsync(figures, Partition, cancellationToken: cancellationToken)
                    : await _views.ReplaceItemAsync(figures, figures.Id, Partition, new ItemRequestOptions { IfMatchEtag = stored.ETag }, cancellationToken);
                if (row is not null && !await portfolio.TryWriteFiguresAsync(row, portfolioFigures, cancellationToken))
                {
                    // The row changed since it was read: compute again from the records as they are now.
                    continue;
                }

                // The manager's standing highlight report task moves with the due date the figures now carry.
                if (figures.HighlightDue is { } due)
                {
                    await tasks.SyncHighlightReportAsync(current, due, cancellationToken);
                }

                return;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                // The monitor (or another refresh) wrote meanwhile: read the figures and the records again.
            }
        }
    }

    private async Task<(ControlFigures Controls, PortfolioFigures Portfolio)> ComputeAsync(ProjectDocument project, ProjectBaseline baseline, CancellationToken cancellationToken)
    {
        var money = await budget.SummaryAsync(project.ProjectId, baseline.ApprovedBudget, cancellationToken);
        var plan = await milestones.ListAsync(project, cancellationToken);
        var log = await raid.ListAsync(project.ProjectId, cancellationToken);
        var forecasts = await benefits.ListAsync(project.ProjectId, cancellationToken);
        var reports = await highlights.ListReportsAsync(project.ProjectId, cancellationToken);
        var exceptions = await PartitionQuery.ListAsync<ProjectException>(_projectRecords, project.ProjectId, ProjectException.DocumentType, cancellationToken);
        var assessments = await PartitionQuery.ListAsync<Services.ServiceAssessment>(_projectRecords, project.ProjectId, Services.ServiceAssessment.DocumentType, cancellationToken);
        var service = await _services.GetAsync(Services.ServiceRecord.DocumentId, project.ProjectId, cancellationToken);
        var teamBudget = await TeamBudgetAsync(service, cancellationToken);
        var cadence = service?.Status == Services.ServiceStatus.Active ? await _cadences.GetAsync(Cadence.TeamCadence.DocumentId, project.ProjectId, cancellationToken) : null;
        var retrospectives = service is null ? [] : await PartitionQuery.ListAsync<Cadence.Retrospective>(_projectRecords, project.ProjectId, Cadence.Retrospective.DocumentType, cancellationToken);
        var highlightDue = await HighlightDueAsync(project, baseline, reports, cancellationToken);
        var openRisks = log.Where(i => i.Kind == RaidKind.Risk && i.IsOpen).ToList();
        var highest = openRisks.OrderByDescending(r => r.Score).ThenBy(r => r.ItemId, StringComparer.Ordinal).FirstOrDefault();
        var last = plan.OrderByDescending(m => m.Baseline).FirstOrDefault();
        var controls = new ControlFigures
        {
            Id = project.ProjectId,
            Stage = project.Stage,
            Title = project.Request.Title,
            Tolerances = baseline.Tolerances,
            Approved = baseline.ApprovedBudget,
            ForecastAtCompletion = money.ForecastAtCompletion,
            ActualToDate = money.Actual.Total,
            ChangeBudget = baseline.ChangeBudget,
            ChangeBudgetUsed = baseline.ChangeBudgetUsed,
            Milestones = plan.Where(m => m.Key || m == last).Select(m => new MilestoneFigure(m.MilestoneId, m.Baseline, m.Forecast, m.Actual)).ToList(),
            Benefits = forecasts
                .Select(f => (Forecast: f, Measure: BenefitForecast.Measurable(project, f.BenefitId)))
                .Where(x => x.Measure.Benefit is not null && x.Measure.Baseline != x.Measure.Target)
                .Select(x => new BenefitFigure(x.Forecast.BenefitId, x.Measure.Baseline, x.Measure.Target, x.Forecast.Forecast))
                .ToList(),
            HighestRiskScore = highest?.Score,
            HighestRiskId = highest?.ItemId,
            OpenActionDues = openRisks.SelectMany(r => r.Actions).Where(a => !a.Done).Select(a => a.Due).Order().ToList(),
            Reminders = openRisks.Select(r => new ReminderItem(r.OwnerId, ReminderKind.RiskReview, r.ItemId, r.Title, r.LastReviewed ?? DateOnly.FromDateTime(r.RaisedAt.UtcDateTime)))
                .Concat(openRisks.SelectMany(r => r.Actions.Where(a => !a.Done).Select(a => new ReminderItem(a.ActioneeId, ReminderKind.Action, $"{r.ItemId}/{a.ActionId}", a.Description, a.Due))))
                .Concat(project.ProjectManager is { } pm ? [new ReminderItem(pm.Email, ReminderKind.HighlightReport, "highlight-report", "Highlight report", highlightDue)] : [])
                .Concat(assessments.SelectMany(a => a.Conditions.Where(c => !c.Done).Select(c => new ReminderItem(c.OwnerId, ReminderKind.AssessmentCondition, $"{a.AssessmentId}/{c.ConditionId}", c.Description, c.Due))))
                .Concat(Cadence.CadenceReminders.For(cadence, retrospectives, project.ProjectManager?.Email))
                .ToList(),
            HighlightDue = highlightDue,
            TeamBudget = teamBudget,
            RefreshedAt = clock.GetUtcNow(),
        };
        // A digital service shows its phase in the portfolio beside the projects' stages.
        return (controls, PortfolioFigures.From(controls, plan, highest, exceptions, reports.Count > 0 ? reports[0].DeliveryConfidence : null) with { ServicePhase = service?.Phase });
    }

    /// <summary>An active service's current phase and its team's costs: a stopped or retired service has no phase budget to watch.</summary>
    private async Task<TeamBudget.PhaseBudgetFigure?> TeamBudgetAsync(Services.ServiceRecord? service, CancellationToken cancellationToken) =>
        service is { Status: Services.ServiceStatus.Active }
            ? TeamBudget.PhaseBudgetFigure.From(service.Current, await _teamCosts.GetAsync(TeamBudget.TeamCostRecord.DocumentId, service.ProjectId, cancellationToken))
            : null;

    /// <summary>The cadence's days after the last highlight report, or after the first approval before there is one.</summary>
    private async Task<DateOnly> HighlightDueAsync(ProjectDocument project, ProjectBaseline baseline, IReadOnlyList<Highlights.HighlightReport> reports, CancellationToken cancellationToken)
    {
        var plan = await highlights.GetPlanAsync(project.ProjectId, cancellationToken);
        var last = reports.Count > 0 ? reports[0] : null;
        var approvedOn = (project.EarlierBaselines.Count > 0 ? project.EarlierBaselines[0] : baseline).ApprovedAt;
        return Highlights.HighlightSchedule.NextDue(last?.ReportDate, DateOnly.FromDateTime(approvedOn.UtcDateTime), plan?.EveryDays ?? lifecycle.HighlightEveryDays);
    }

    public async Task<ControlFigures?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _views.ReadItemAsync<ControlFigures>(projectId, Partition, cancellationToken: cancellationToken);
            return response.Resource with { ETag = response.ETag };
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes the monitor's episodes if nobody changed the figures since they were read.</summary>
    /// <returns>False on a clash: read them again and re-evaluate.</returns>
    public async Task<bool> TryReplaceAsync(ControlFigures figures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(figures);
        try
        {
            await _views.ReplaceItemAsync(figures with { ETag = null }, figures.Id, Partition, new ItemRequestOptions { IfMatchEtag = figures.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>Every project's figures, a page of <paramref name="pageSize"/> at a time, from the one partition.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ControlFigures>> PagesAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.viewId = @viewId AND c.type = @type")
            .WithParameter("@viewId", ViewIds.Controls)
            .WithParameter("@type", ControlFigures.DocumentType);
        var options = new QueryRequestOptions { PartitionKey = Partition, MaxItemCount = pageSize };
        string? continuation = null;
        do
        {
            var page = await PartitionQuery.WithLookupRetryAsync(
                async () =>
                {
                    using var iterator = _views.GetItemQueryIterator<ControlFigures>(query, continuation, options);
                    return await iterator.ReadNextAsync(cancellationToken);
                },
                cancellationToken);
            continuation = page.ContinuationToken;
            if (page.Count > 0)
            {
                yield return page.ToList();
            }
        }
        while (continuation is not null);
    }
}
