using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Closure;

/// <summary>Routes a closure request's gate to the project's sponsor (<see cref="ToleranceLevelRouter.PlanForSponsorAsync"/>).</summary>
public sealed class PlanClosureGateActivity(ProjectRepository projects, ToleranceLevelRouter router) : TaskActivity<ClosureRequested, ControlGatePlan>
{
    public override async Task<ControlGatePlan> RunAsync(TaskActivityContext context, ClosureRequested input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        return await router.PlanForSponsorAsync(
            project,
            input.GateId,
            $"Closure of the project, version {input.Version}",
            "Closure",
            "The sponsor approves closure on the end project report: approve to close the project, ask for changes, or reject it (the project manager sends a new request).");
    }
}

/// <summary>Input of <see cref="DecideClosureActivity"/>.</summary>
public sealed record ClosureGateOutcome(ClosureRequested Request, ApprovalGate.ApprovalGateResult Result);
