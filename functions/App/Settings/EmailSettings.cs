using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>Outgoing email: SendGrid when an API key is set, otherwise SMTP (maildev locally).</summary>
public sealed class EmailSettings : IValidatableObject
{
    public const string Section = "Email";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = string.Empty;

    [Required]
    public string FromName { get; set; } = "Digital and Customer Services";

    public string? SendGridApiKey { get; set; }

    /// <summary>Overrides SendGrid's API host; only for tests that fake the API at the network edge.</summary>
    public Uri? SendGridBaseUrl { get; set; }

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesSendGrid && string.IsNullOrWhiteSpace(SmtpHost))
        {
            yield return new ValidationResult(
                "Set Email__SendGridApiKey, or Email__SmtpHost for SMTP.", [nameof(SmtpHost)]);
        }
    }
}
