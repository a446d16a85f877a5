using System.ComponentModel.DataAnnotations;
using Delivery.Workflows.Services;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// Digital services: <c>Services__AssessedPhases</c> ("Alpha,PrivateBeta,PublicBeta": the phases a service moves on
/// from only after a met Service Standard assessment), <c>Services__AssessorRole</c> (the directory role of panel
/// members, default Assessor) and <c>Services__AssessmentLeadRole</c> (who assigns panels, default AssessmentLead).
/// Roles are held in <c>Approvals__People__N__Roles</c>.
/// </summary>
public sealed class ServiceSettings : IValidatableObject
{
    public const string Section = "Services";

    public string AssessedPhases { get; set; } = "Alpha,PrivateBeta,PublicBeta";

    public string AssessorRole { get; set; } = "Assessor";

    public string AssessmentLeadRole { get; set; } = "AssessmentLead";

    public ServicePolicy ToPolicy() => new()
    {
        AssessedPhases = Phases() ?? [],
        AssessorRole = AssessorRole.Trim(),
        AssessmentLeadRole = AssessmentLeadRole.Trim(),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Phases() is null)
        {
            yield return new ValidationResult("must be phases a service moves on from (Discovery, Alpha, PrivateBeta, PublicBeta, Live), separated by commas, or empty.", [nameof(AssessedPhases)]);
        }

        if (string.IsNullOrWhiteSpace(AssessorRole) || string.IsNullOrWhiteSpace(AssessmentLeadRole))
        {
            yield return new ValidationResult("must name a directory role.", [nameof(AssessorRole), nameof(AssessmentLeadRole)]);
        }
    }

    private ServicePhase[]? Phases()
    {
        var parts = (AssessedPhases ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var phases = parts.Select(p => Enum.TryParse<ServicePhase>(p, ignoreCase: true, out var phase) && !p.All(char.IsDigit) && phase != ServicePhase.Retirement ? phase : (ServicePhase?)null).ToArray();
        return phases.All(p => p is not null) ? phases.Select(p => p!.Value).Distinct().ToArray() : null;
    }
}
