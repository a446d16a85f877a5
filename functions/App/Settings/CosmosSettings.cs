using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>Cosmos DB account. No key means the managed identity is used (Azure); a key is for the local server.</summary>
public sealed class CosmosSettings
{
    public const string Section = "Cosmos";

    [Required]
    public Uri? Endpoint { get; set; }

    public string? Key { get; set; }

    [Required]
    [RegularExpression("^[A-Za-z0-9-_]{1,255}$")]
    public string Database { get; set; } = "delivery";
}
