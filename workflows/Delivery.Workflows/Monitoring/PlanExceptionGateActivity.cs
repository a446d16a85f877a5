using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Monitoring;

/// <summary>Routes an exception report to the level that set the tolerance (<see cref="ToleranceLevelRouter"/>).</summary>
public sealed class PlanExceptionGateActivity(ProjectRepository projects, ToleranceLevelRouter router)
    : TaskActivity<ExceptionReported, ControlGatePlan>
{
    public override async Task<ControlGatePlan> RunAsync(TaskActivityContext context, ExceptionReported input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        return await router.PlanAsync(
            project,
            input.GateId,
            $"Exception report {input.ExceptionId}, version {input.ReportVersion}",
            "Exception",
            "An exception report goes to the level that set the tolerance: approve the exception plan, ask for more information, or reject it to close the project early.");
    }
}
