using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// Azure Storage for blobs and queues: a connection string for Azurite, or service URIs reached with the
/// managed identity in Azure.
/// </summary>
public sealed class StorageSettings : IValidatableObject
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// Put before every queue name the app uses. Local runs and tests only: under the Functions host, queue
    /// triggers read the names in functions.metadata, so this must stay empty there.
    /// </summary>
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,20}$")]
    public string? QueuePrefix { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (BlobServiceUri is null || QueueServiceUri is null))
        {
            yield return new ValidationResult(
                "Set Storage__ConnectionString, or both Storage__BlobServiceUri and Storage__QueueServiceUri.",
                [nameof(ConnectionString)]);
        }
    }
}
