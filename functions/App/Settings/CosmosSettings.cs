using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>Cosmos DB account. No key means the managed identity is used (Azure); a key is for the local server.</summary>
public sealed class CosmosSettings : IValidatableObject
{
    public const string Section = "Cosmos";

    [Required]
    public Uri? Endpoint { get; set; }

    public string? Key { get; set; }

    [Required]
    [RegularExpression("^[A-Za-z0-9-_]{1,255}$")]
    public string Database { get; set; } = "delivery";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("must be an absolute http or https URL.", [nameof(Endpoint)]);
        }
    }
}
