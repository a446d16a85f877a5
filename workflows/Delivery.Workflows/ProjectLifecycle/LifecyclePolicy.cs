using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Lifecycle settings: when a full business case is needed, the default tolerances per category, how often risks are reviewed.</summary>
public sealed record LifecyclePolicy
{
    /// <summary>At or above this estimated cost the project needs Strategic Outline, Outline and Full Business Cases.</summary>
    public decimal FullBusinessCaseFrom { get; init; } = 100_000m;

    public required IReadOnlyDictionary<ProjectCategory, Tolerances> Tolerances { get; init; }

    /// <summary>The approval role whose holder is assigned as project manager unless the final approver names another.</summary>
    public string ProjectManagerRole { get; init; } = "ProjectManager";

    /// <summary>The approval role whose holders (delivery leads) receive the weekly digest.</summary>
    public string DigestRole { get; init; } = "DeliveryLead";

    /// <summary>An open risk not reviewed for more than this many days is a reminder to its owner.</summary>
    public int RiskReviewDays { get; init; } = 30;

    /// <summary>Days between highlight reports until a project sets its own cadence (fortnightly).</summary>
    public int HighlightEveryDays { get; init; } = 14;

    /// <summary>The delivery confidence scale highlight reports use.</summary>
    public Highlights.DeliveryConfidenceScale DeliveryConfidenceScale { get; init; } = Highlights.DeliveryConfidenceScale.RedAmberGreen;

    /// <summary>A highlight report shows a dimension amber once more than this share (%) of its tolerance is used.</summary>
    public decimal AmberAtPercent { get; init; } = 75m;
}
