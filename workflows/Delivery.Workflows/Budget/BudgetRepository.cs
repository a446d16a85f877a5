using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Budget;

/// <summary>The project's spend entries and forecasts, in its own partition; created once each, never edited.</summary>
public sealed class BudgetRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<SpendEntry> _spend = new(database);
    private readonly ProjectPartition<CostForecast> _forecasts = new(database);

    /// <summary>Records the entry, or returns the one already recorded under its entry id.</summary>
    public Task<SpendEntry> RecordSpendAsync(SpendEntry entry, CancellationToken cancellationToken) => _spend.CreateOrGetAsync(entry, cancellationToken);

    public Task<CostForecast> RecordForecastAsync(CostForecast forecast, CancellationToken cancellationToken) => _forecasts.CreateOrGetAsync(forecast, cancellationToken);

    public async Task<BudgetSummary> SummaryAsync(string projectId, decimal approved, CancellationToken cancellationToken) =>
        BudgetSummary.From(
            approved,
            await PartitionQuery.ListAsync<SpendEntry>(_container, projectId, SpendEntry.DocumentType, cancellationToken),
            await PartitionQuery.ListAsync<CostForecast>(_container, projectId, CostForecast.DocumentType, cancellationToken));
}
