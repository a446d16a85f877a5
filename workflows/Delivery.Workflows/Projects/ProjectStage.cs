using System.Text.Json.Serialization;

namespace Delivery.Workflows.Projects;

/// <summary>Where a project is in its lifecycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectStage>))]
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

    /// <summary>The sponsor approved closure on the end project report; benefits reviews follow.</summary>
    Closed,
}
