using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Services;

/// <summary>
/// Plans a move the delivery manager asked for: only the service's pending move goes on (a repeated or stale event is
/// dropped); Discovery to Alpha is routed to the project's sponsor (or their escalation contact) through
/// <see cref="ToleranceLevelRouter.PlanForSponsorAsync"/>, as closure is.
/// </summary>
public sealed class PlanServiceMoveActivity(ServiceRepository services, ProjectRepository projects, ToleranceLevelRouter router) : TaskActivity<ServiceMoveRequested, ServiceMovePlan>
{
    public override async Task<ServiceMovePlan> RunAsync(TaskActivityContext context, ServiceMoveRequested input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var service = await services.GetAsync(input.ProjectId, CancellationToken.None);
        if (service?.Pending is not { } pending || pending.MoveId != input.MoveId)
        {
            return new ServiceMovePlan(false, false, null, null, string.Empty);
        }

        var subject = $"Moving the service from {pending.From.Title()} to {pending.Next.Phase.Title()}";
        if (!ServicePolicy.NeedsSponsor(pending.From))
        {
            return new ServiceMovePlan(true, false, null, null, subject);
        }

        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var plan = await router.PlanForSponsorAsync(
            project,
            input.GateId,
            subject,
            "Service phase",
            "The sponsor decides whether the service moves from Discovery to Alpha on what Discovery learned: approve to start Alpha, ask for changes, or reject (the service stays in Discovery; it may stop).");
        return new ServiceMovePlan(true, true, plan.Route, plan.Timing, subject);
    }
}
