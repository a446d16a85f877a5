using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Monitoring;

/// <summary>The project's exceptions, in its own partition.</summary>
public sealed class ExceptionRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ProjectException> _exceptions = new(database);

    public Task<ProjectException?> GetAsync(string projectId, string exceptionId, CancellationToken cancellationToken) =>
        _exceptions.GetAsync(ProjectException.IdFor(exceptionId), projectId, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<ProjectException?> UpdateAsync(string projectId, string exceptionId, Func<ProjectException, ProjectException?> change, CancellationToken cancellationToken) =>
        _exceptions.UpdateAsync(ProjectException.IdFor(exceptionId), projectId, change, cancellationToken);

    /// <summary>Every exception, oldest first.</summary>
    public async Task<IReadOnlyList<ProjectException>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<ProjectException>(_container, projectId, ProjectException.DocumentType, cancellationToken))
            .OrderBy(e => e.RaisedOn).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
}
