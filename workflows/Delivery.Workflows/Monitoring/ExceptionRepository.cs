using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// The project's exceptions, in its own partition. Every write brings the project manager's task list up to date
/// (a report to write while one is awaited), again on a retry that changes nothing, so a crash between the two
/// writes is mended by the retry. It refreshes the project's control figures too, for the portfolio's count of open
/// exceptions.
/// </summary>
public sealed class ExceptionRepository(Database database, TaskView tasks, ControlsView controls)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ProjectException> _exceptions = new(database);

    public Task<ProjectException?> GetAsync(string projectId, string exceptionId, CancellationToken cancellationToken) =>
        _exceptions.GetAsync(ProjectException.IdFor(exceptionId), projectId, cancellationToken);

    /// <summary>Creates the exception, or returns the one an earlier attempt created (same episode, same id).</summary>
    public async Task<ProjectException> CreateOrGetAsync(ProjectException exception, CancellationToken cancellationToken)
    {
        var stored = await _exceptions.CreateOrGetAsync(exception, cancellationToken);
        await tasks.SyncExceptionAsync(stored, cancellationToken);
        await controls.RefreshAsync(stored.ProjectId, cancellationToken);
        return stored;
    }

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public async Task<ProjectException?> UpdateAsync(string projectId, string exceptionId, Func<ProjectException, ProjectException?> change, CancellationToken cancellationToken)
    {
        var stored = await _exceptions.UpdateAsync(ProjectException.IdFor(exceptionId), projectId, change, cancellationToken);
        if (stored is not null)
        {
            await tasks.SyncExceptionAsync(stored, cancellationToken);
            await controls.RefreshAsync(stored.ProjectId, cancellationToken);
        }

        return stored;
    }

    /// <summary>Every exception, oldest first.</summary>
    public async Task<IReadOnlyList<ProjectException>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<ProjectException>(_container, projectId, ProjectException.DocumentType, cancellationToken))
            .OrderBy(e => e.RaisedOn).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
}
