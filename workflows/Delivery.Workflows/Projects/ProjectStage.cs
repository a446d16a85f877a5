namespace Delivery.Workflows.Projects;

/// <summary>Where a project is in its lifecycle.</summary>
public enum ProjectStage
{
    Request,
    BusinessCase,
    Approval,
    Initiation,
    Delivery,
    Closure,
    BenefitsReview,
    Done,
    Rejected,
    Withdrawn,
}
