using Delivery.Durable;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Keeps the project document's stage and wait in step with the workflow (ETag-guarded), auditing stage changes.</summary>
public sealed class SetProjectStageActivity(ProjectRepository projects, AuditLog audit, TimeProvider clock) : TaskActivity<StageChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StageChange input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var before = (await projects.GetAsync(input.ProjectId, CancellationToken.None))?.Stage;
        await projects.UpdateAsync(
            input.ProjectId,
            p => p.Stage == input.Stage && p.WaitingFor == input.WaitingFor ? null : p with { Stage = input.Stage, WaitingFor = input.WaitingFor, StageChangedAt = now },
            CancellationToken.None);
        if (before is null || before == input.Stage)
        {
            return false;
        }

        await audit.AppendAsync(input.AuditKey, new AuditEntry
        {
            Id = string.Empty,
            ProjectId = input.ProjectId,
            At = now,
            Actor = AuditEntry.System,
            Action = AuditAction.StageChanged,
            Summary = $"Stage changed from {before} to {input.Stage}",
            Subject = input.Stage.ToString(),
        }, CancellationToken.None);
        return true;
    }
}
