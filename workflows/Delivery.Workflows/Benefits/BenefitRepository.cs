using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Benefits;

/// <summary>The project's benefit forecasts, in its own partition.</summary>
public sealed class BenefitRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<BenefitForecast> _forecasts = new(database);

    public Task<(SavedRecord<BenefitForecast>? Saved, string? Refusal)> SaveAsync(BenefitForecast forecast, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        _forecasts.SaveAsync(forecast, by, at, _ => null, cancellationToken);

    public async Task<IReadOnlyList<BenefitForecast>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<BenefitForecast>(_container, projectId, BenefitForecast.DocumentType, cancellationToken))
            .OrderBy(f => f.BenefitId, StringComparer.Ordinal).ToList();
}
