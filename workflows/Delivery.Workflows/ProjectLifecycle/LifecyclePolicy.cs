using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Lifecycle settings: when a full business case is needed, and the default tolerances per category.</summary>
public sealed record LifecyclePolicy
{
    /// <summary>At or above this estimated cost the project needs Strategic Outline, Outline and Full Business Cases.</summary>
    public decimal FullBusinessCaseFrom { get; init; } = 100_000m;

    public required IReadOnlyDictionary<ProjectCategory, Tolerances> Tolerances { get; init; }

    /// <summary>The approval role whose holder is assigned as project manager unless the final approver names another.</summary>
    public string ProjectManagerRole { get; init; } = "ProjectManager";
}
