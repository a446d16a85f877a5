using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Services;

/// <summary>A digital service's phases and its assessments, in its project's partition.</summary>
public sealed class ServiceRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ServiceRecord> _services = new(database);
    private readonly ProjectPartition<ServiceAssessment> _assessments = new(database);

    public Task<ServiceRecord?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _services.GetAsync(ServiceRecord.DocumentId, projectId, cancellationToken);

    public Task<bool> TryCreateAsync(ServiceRecord service, CancellationToken cancellationToken) => _services.TryCreateAsync(service, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<ServiceRecord?> UpdateAsync(string projectId, Func<ServiceRecord, ServiceRecord?> change, CancellationToken cancellationToken) =>
        _services.UpdateAsync(ServiceRecord.DocumentId, projectId, change, cancellationToken);

    public Task<ServiceAssessment?> GetAssessmentAsync(string projectId, string assessmentId, CancellationToken cancellationToken) =>
        _assessments.GetAsync(ServiceAssessment.IdFor(assessmentId), projectId, cancellationToken);

    public Task<bool> TryCreateAssessmentAsync(ServiceAssessment assessment, CancellationToken cancellationToken) => _assessments.TryCreateAsync(assessment, cancellationToken);

    /// <inheritdoc cref="UpdateAsync"/>
    public Task<ServiceAssessment?> UpdateAssessmentAsync(string projectId, string assessmentId, Func<ServiceAssessment, ServiceAssessment?> change, CancellationToken cancellationToken) =>
        _assessments.UpdateAsync(ServiceAssessment.IdFor(assessmentId), projectId, change, cancellationToken);

    public async Task<IReadOnlyList<ServiceAssessment>> ListAssessmentsAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<ServiceAssessment>(_container, projectId, ServiceAssessment.DocumentType, cancellationToken))
            .OrderBy(a => a.RequestedAt).ThenBy(a => a.AssessmentId, StringComparer.Ordinal).ToList();
}
