using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>Limits on project requests and their attachments.</summary>
public sealed class IntakeSettings
{
    public const string Section = "Intake";

    /// <summary>Largest request body accepted, attachments included.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 12 * 1024 * 1024;

    [Range(1, 50 * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    [Range(0, 20)]
    public int MaxAttachments { get; set; } = 5;

    /// <summary>Comma-separated content types an attachment may have.</summary>
    [Required]
    public string AllowedAttachmentTypes { get; set; } =
        "application/pdf,image/png,image/jpeg,text/plain,text/csv," +
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document," +
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public IReadOnlySet<string> AllowedTypes =>
        AllowedAttachmentTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
