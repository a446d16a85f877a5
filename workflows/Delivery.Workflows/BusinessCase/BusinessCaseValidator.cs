using System.Text.RegularExpressions;

namespace Delivery.Workflows.BusinessCase;

/// <summary>Checks a business case is complete enough to submit; errors are keyed by field path, as the API reports them.</summary>
public static partial class BusinessCaseValidator
{
    public static Dictionary<string, string[]> Validate(BusinessCaseContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new Dictionary<string, string[]>();
        void Need(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        Need(!string.IsNullOrWhiteSpace(content.Strategic?.CaseForChange), "strategic.caseForChange", "Enter the case for change.");
        Need(!string.IsNullOrWhiteSpace(content.Strategic?.StrategicFit), "strategic.strategicFit", "Enter how the project fits the council's strategy.");
        var options = content.Economic?.Options ?? [];
        Need(options.Count > 0, "economic.options", "Enter at least one option, including doing nothing if that is an option.");
        Need(options.Any(o => o.Name == content.Economic?.PreferredOption), "economic.preferredOption", "Choose the preferred option from the options.");
        Need(!string.IsNullOrWhiteSpace(content.Commercial?.ProcurementRoute), "commercial.procurementRoute", "Enter the procurement route.");
        var years = content.Financial?.Years ?? [];
        Need(years.Count > 0, "financial.years", "Enter the capital and revenue cost for each year.");
        Need(years.All(y => y.Capital >= 0 && y.Revenue >= 0 && YearPattern().IsMatch(y.Year)), "financial.years", "Each year must be written like 2026/27 and costs cannot be negative.");
        Need(!string.IsNullOrWhiteSpace(content.Management?.Plan), "management.plan", "Enter the delivery plan.");
        Need((content.Management?.Milestones?.Count ?? 0) > 0, "management.milestones", "Enter at least one milestone.");
        Need((content.Management?.Benefits?.Count ?? 0) > 0, "management.benefits", "Enter at least one benefit.");
        Need((content.Management?.Risks ?? []).All(r => r.Probability is >= 1 and <= 5 && r.Impact is >= 1 and <= 5), "management.risks", "Risk probability and impact must each be from 1 to 5.");
        return errors;
    }

    [GeneratedRegex(@"^\d{4}/\d{2}$")]
    private static partial Regex YearPattern();
}
