using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Stages;

/// <summary>The project's delivery stages and end stage reports, in its own partition.</summary>
public sealed class StageRepository(Database database, Views.TaskView tasks)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<DeliveryStage> _stages = new(database);
    private readonly ProjectPartition<EndStageReport> _reports = new(database);

    public Task<DeliveryStage?> GetAsync(string projectId, string stageId, CancellationToken cancellationToken) =>
        _stages.GetAsync(DeliveryStage.IdFor(stageId), projectId, cancellationToken);

    public Task<bool> TryCreateAsync(DeliveryStage stage, CancellationToken cancellationToken) => _stages.TryCreateAsync(stage, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<DeliveryStage?> UpdateAsync(string projectId, string stageId, Func<DeliveryStage, DeliveryStage?> change, CancellationToken cancellationToken) =>
        _stages.UpdateAsync(DeliveryStage.IdFor(stageId), projectId, change, cancellationToken);

    /// <summary>Every stage in the order they are planned to end.</summary>
    public async Task<IReadOnlyList<DeliveryStage>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<DeliveryStage>(_container, projectId, DeliveryStage.DocumentType, cancellationToken))
            .OrderBy(s => s.PlannedEnd).ThenBy(s => s.StageId, StringComparer.Ordinal).ToList();

    public Task<EndStageReport?> GetReportAsync(string projectId, string stageId, CancellationToken cancellationToken) =>
        _reports.GetAsync(EndStageReport.IdFor(stageId), projectId, cancellationToken);

    /// <remarks>The project manager's task follows the report (on a retry too, so a sync lost to a fault is redone).</remarks>
    public async Task<bool> TryCreateReportAsync(EndStageReport report, CancellationToken cancellationToken)
    {
        var created = await _reports.TryCreateAsync(report, cancellationToken);
        if (await GetReportAsync(report.ProjectId, report.StageId, cancellationToken) is { } stored)
        {
            await tasks.SyncEndStageReportAsync(stored, cancellationToken);
        }

        return created;
    }

    public async Task<EndStageReport?> UpdateReportAsync(string projectId, string stageId, Func<EndStageReport, EndStageReport?> change, CancellationToken cancellationToken)
    {
        var stored = await _reports.UpdateAsync(EndStageReport.IdFor(stageId), projectId, change, cancellationToken);
        if (stored is not null)
        {
            await tasks.SyncEndStageReportAsync(stored, cancellationToken);
        }

        return stored;
    }

    /// <summary>Every end stage report, oldest first.</summary>
    public async Task<IReadOnlyList<EndStageReport>> ListReportsAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<EndStageReport>(_container, projectId, EndStageReport.DocumentType, cancellationToken))
            .OrderBy(r => r.SentAt).ToList();
}
