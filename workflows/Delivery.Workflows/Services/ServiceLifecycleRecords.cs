using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Services;

/// <summary>Raised on the service's orchestration when the delivery manager asks to move it on (ids only).</summary>
public sealed record ServiceMoveRequested(string ProjectId, string MoveId)
{
    public const string EventName = "ServiceMoveRequested";

    public string GateId => $"phase-{MoveId}";
}

/// <summary>Raised on the service's orchestration when the service stopped after Discovery or Alpha; it ends.</summary>
public sealed record ServiceStopped(string ProjectId)
{
    public const string EventName = "ServiceStopped";
}

/// <summary>
/// Output of <see cref="PlanServiceMoveActivity"/>: whether the move is still the one waiting (a late or repeated
/// event is not), and for Discovery to Alpha the sponsor's route (null when it could not be routed).
/// </summary>
public sealed record ServiceMovePlan(bool Pending, bool NeedsSponsor, ApprovalRoute? Route, ApprovalTiming? Timing, string Subject);

/// <summary>Input of <see cref="ApplyServiceMoveActivity"/>: the move and, when the sponsor decided it, the gate's result.</summary>
public sealed record ServiceMoveOutcome(ServiceMoveRequested Move, bool NeedsSponsor, ApprovalGateResult? Result);

/// <summary>Instance ids of the service lifecycle.</summary>
public static class ServiceLifecycleIds
{
    /// <summary>One per digital service, from its project id, so starting it twice finds the first.</summary>
    public static string InstanceIdFor(string projectId) => $"service-{projectId}";
}
