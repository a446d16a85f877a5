using System.ComponentModel.DataAnnotations;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Highlights;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// The project lifecycle: the cost from which a full (three-stage) business case is needed, the role assigned as
/// project manager, and default tolerances per category (<c>Lifecycle__Tolerances__TechnologyProject__CostPercent</c>).
/// </summary>
public sealed class LifecycleSettings : IValidatableObject
{
    public const string Section = "Lifecycle";

    [Range(0, 1_000_000_000)]
    public decimal FullBusinessCaseFrom { get; set; } = 100_000m;

    [Required]
    public string ProjectManagerRole { get; set; } = "ProjectManager";

    /// <summary>The approval role whose holders (delivery leads) receive the weekly digest.</summary>
    [Required]
    public string DigestRole { get; set; } = "DeliveryLead";

    /// <summary>Days after which an open risk not reviewed is a reminder to its owner.</summary>
    [Range(1, 365)]
    public int RiskReviewDays { get; set; } = 30;

    /// <summary>Days between highlight reports until a project sets its own cadence.</summary>
    [Range(1, 92)]
    public int HighlightEveryDays { get; set; } = 14;

    /// <summary>The delivery confidence scale: RedAmberGreen (the IPA's current) or FivePoint (the older one).</summary>
    public DeliveryConfidenceScale DeliveryConfidenceScale { get; set; } = DeliveryConfidenceScale.RedAmberGreen;

    /// <summary>Share (%) of a tolerance used beyond which a highlight report shows the dimension amber.</summary>
    [Range(1, 99)]
    public decimal AmberAtPercent { get; set; } = 75m;

    public Dictionary<string, ToleranceSettings> Tolerances { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public LifecyclePolicy ToPolicy() => new()
    {
        FullBusinessCaseFrom = FullBusinessCaseFrom,
        ProjectManagerRole = ProjectManagerRole,
        DigestRole = DigestRole,
        RiskReviewDays = RiskReviewDays,
        HighlightEveryDays = HighlightEveryDays,
        DeliveryConfidenceScale = DeliveryConfidenceScale,
        AmberAtPercent = AmberAtPercent,
        Tolerances = Enum.GetValues<ProjectCategory>().ToDictionary(
            c => c,
            c => (Tolerances.GetValueOrDefault(c.ToString()) ?? new ToleranceSettings()).ToTolerances()),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in Tolerances.Keys.Where(k => !Enum.TryParse<ProjectCategory>(k, out _)))
        {
            yield return new ValidationResult($"'{key}' is not a project category ({string.Join(", ", Enum.GetNames<ProjectCategory>())}).", [nameof(Tolerances)]);
        }
    }

    /// <summary>PRINCE2 tolerances for one category; the defaults are the delivery team's usual ones.</summary>
    public sealed class ToleranceSettings
    {
        public int TimeWorkingDays { get; set; } = 10;

        public decimal CostPercent { get; set; } = 10m;

        public string Scope { get; set; } = "No change to the agreed deliverables";

        public string Quality { get; set; } = "All acceptance criteria met";

        public int RiskScore { get; set; } = 12;

        public decimal BenefitsPercent { get; set; } = 10m;

        /// <summary>The change budget, as a percentage of the approved budget: what the project manager may approve in changes.</summary>
        public decimal ChangeBudgetPercent { get; set; } = 5m;

        /// <summary>How far (working days) a change the project manager approves may move a milestone.</summary>
        public int ChangeWorkingDays { get; set; } = 5;

        public Tolerances ToTolerances() => new(TimeWorkingDays, CostPercent, Scope, Quality, RiskScore, BenefitsPercent, ChangeBudgetPercent, ChangeWorkingDays);
    }
}
