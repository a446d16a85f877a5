using Microsoft.DurableTask;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>
/// Keeps the project document's stage and wait in step with the workflow (ETag-guarded), auditing stage changes. The
/// wait arrives with people as ids; their names are looked up here, so only the document holds them.
/// </summary>
public sealed class SetProjectStageActivity(ProjectRepository projects, AuditLog audit, ApprovalPolicy people, TimeProvider clock) : TaskActivity<StageChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StageChange input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var before = (await projects.GetAsync(input.ProjectId, CancellationToken.None))?.Stage;
        var waitingFor = input.WaitingFor.Describe(id => people.Find(id)?.Name);
        await projects.UpdateAsync(
            input.ProjectId,
            p => p.Stage == input.Stage && p.WaitingFor == waitingFor ? null : p with { Stage = input.Stage, WaitingFor = waitingFor, StageChangedAt = now },
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
