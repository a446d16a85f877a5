using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// <c>DataProtection__RetentionYears</c>: how long personal data is kept in a project after it finished (closed,
/// done, withdrawn or rejected) before the nightly retention timer anonymises it; default 6 years, 1 to 100.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    [Range(1, 100)]
    public int RetentionYears { get; set; } = 6;
}
