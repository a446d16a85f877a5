using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Milestones;

/// <summary>
/// The project's milestones: those recorded in its partition, plus the approved baseline's milestones nobody has
/// recorded against yet (version 0, as approved), so the plan shows from the day of approval without a write.
/// </summary>
public sealed class MilestoneRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<MilestoneRecord> _milestones = new(database);

    public async Task<IReadOnlyList<MilestoneRecord>> ListAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var stored = await PartitionQuery.ListAsync<MilestoneRecord>(_container, project.ProjectId, MilestoneRecord.DocumentType, cancellationToken);
        return Merge(project, stored);
    }

    /// <summary>The stored milestones with the baseline's not yet recorded, by expected date.</summary>
    public static IReadOnlyList<MilestoneRecord> Merge(ProjectDocument project, IReadOnlyList<MilestoneRecord> stored)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(stored);
        var fromBaseline = (project.Baseline?.Milestones ?? [])
            .Select((m, i) => MilestoneRecord.FromBaseline(project.ProjectId, i, m, project.Baseline!))
            .Where(b => stored.All(s => s.MilestoneId != b.MilestoneId));
        return stored.Concat(fromBaseline).OrderBy(m => m.Expected).ThenBy(m => m.MilestoneId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Creates the milestone or records a new version. Its baseline is fixed once set (by approval, or when a new
    /// milestone is added): moving it is for an approved change request or exception plan, not for this.
    /// </summary>
    public Task<(SavedRecord<MilestoneRecord>? Saved, string? Refusal)> SaveAsync(
        ProjectDocument project, MilestoneRecord milestone, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(milestone);
        var approved = Merge(project, []).FirstOrDefault(m => m.MilestoneId == milestone.MilestoneId);
        return _milestones.SaveAsync(milestone, by, at, stored =>
        {
            var baseline = stored?.Baseline ?? approved?.Baseline;
            return baseline is { } b && b != milestone.Baseline
                ? $"The baseline of {milestone.MilestoneId} is {b:yyyy-MM-dd}; it changes only through an approved change request or exception plan."
                : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Moves a milestone's baseline for an approved exception plan or change: a new version with the new baseline,
    /// its forecast and actual kept (an approved milestone not yet recorded against is recorded now).
    /// </summary>
    public async Task RebaselineAsync(ProjectDocument project, string milestoneId, DateOnly baseline, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var current = (await ListAsync(project, cancellationToken)).FirstOrDefault(m => m.MilestoneId == milestoneId);
        if (current is null || current.Baseline == baseline)
        {
            return;
        }

        await _milestones.SaveAsync(current with { Baseline = baseline, ETag = null }, by, at, _ => null, cancellationToken);
    }
}
