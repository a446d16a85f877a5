using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Stages;

/// <summary>Routes an end stage report's stage gate to the level that set the tolerances (<see cref="ToleranceLevelRouter"/>): the project board's say on the next stage.</summary>
public sealed class PlanStageGateActivity(ProjectRepository projects, ToleranceLevelRouter router) : TaskActivity<StageEndReported, ControlGatePlan>
{
    public override async Task<ControlGatePlan> RunAsync(TaskActivityContext context, StageEndReported input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        return await router.PlanAsync(
            project,
            input.GateId,
            $"End stage report for {input.StageId}, version {input.Version}",
            "StageGate",
            "A stage ends only through a stage gate decided by the level that set the tolerances: approve to start the next stage, ask for more information, or refuse it (the stage goes on until a new report is approved).");
    }
}

/// <summary>Input of <see cref="DecideStageGateActivity"/>.</summary>
public sealed record StageGateOutcome(StageEndReported Report, ApprovalGate.ApprovalGateResult Result);
