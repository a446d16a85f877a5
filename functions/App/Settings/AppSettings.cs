using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>Settings about the app itself.</summary>
public sealed class AppSettings : IValidatableObject
{
    public const string Section = "App";

    /// <summary>Where people reach the app; links in emails start here.</summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("must be an absolute http or https URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
