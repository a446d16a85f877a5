using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Highlights;

/// <summary>A project's highlight plan and highlight reports, in its own partition.</summary>
public sealed class HighlightRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<HighlightPlan> _plans = new(database);
    private readonly ProjectPartition<HighlightReport> _reports = new(database);

    public Task<HighlightPlan?> GetPlanAsync(string projectId, CancellationToken cancellationToken) =>
        _plans.GetAsync(HighlightPlan.DocumentId, projectId, cancellationToken);

    public Task<bool> TryCreatePlanAsync(HighlightPlan plan, CancellationToken cancellationToken) => _plans.TryCreateAsync(plan, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<HighlightPlan?> UpdatePlanAsync(string projectId, Func<HighlightPlan, HighlightPlan?> change, CancellationToken cancellationToken) =>
        _plans.UpdateAsync(HighlightPlan.DocumentId, projectId, change, cancellationToken);

    public Task<HighlightReport?> GetReportAsync(string projectId, DateOnly reportDate, CancellationToken cancellationToken) =>
        _reports.GetAsync(HighlightReport.IdFor(reportDate), projectId, cancellationToken);

    public Task<bool> TryCreateReportAsync(HighlightReport report, CancellationToken cancellationToken) => _reports.TryCreateAsync(report, cancellationToken);

    /// <summary>Every highlight report, newest first.</summary>
    public async Task<IReadOnlyList<HighlightReport>> ListReportsAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<HighlightReport>(_container, projectId, HighlightReport.DocumentType, cancellationToken))
            .OrderByDescending(r => r.ReportDate).ToList();
}

/// <summary>When the next highlight report is due: the cadence's days after the last one, or after approval before the first.</summary>
public static class HighlightSchedule
{
    public static DateOnly NextDue(DateOnly? lastReport, DateOnly approvedOn, int everyDays) => (lastReport ?? approvedOn).AddDays(everyDays);
}
