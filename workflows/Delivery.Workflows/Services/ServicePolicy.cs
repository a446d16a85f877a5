namespace Delivery.Workflows.Services;

/// <summary>
/// The service lifecycle's rules, from settings (<c>Services__*</c>): which phases need a met Service Standard
/// assessment before the service moves on from them, and the directory roles of assessors and assessment leads.
/// Moving from Discovery to Alpha always needs the sponsor's approval, through the approval gate.
/// </summary>
public sealed record ServicePolicy
{
    public IReadOnlyList<ServicePhase> AssessedPhases { get; init; } = [ServicePhase.Alpha, ServicePhase.PrivateBeta, ServicePhase.PublicBeta];

    /// <summary>The role a panel member holds in the directory (<c>Approvals__People__N__Roles</c>).</summary>
    public string AssessorRole { get; init; } = "Assessor";

    /// <summary>The role of the person who assigns a panel.</summary>
    public string AssessmentLeadRole { get; init; } = "AssessmentLead";

    public bool NeedsAssessment(ServicePhase from) => AssessedPhases.Contains(from);

    /// <summary>Moving from Discovery to Alpha is the sponsor's decision.</summary>
    public static bool NeedsSponsor(ServicePhase from) => from == ServicePhase.Discovery;
}
