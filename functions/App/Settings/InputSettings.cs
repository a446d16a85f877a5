using System.ComponentModel.DataAnnotations;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Settings;

/// <summary>Bounds on every value a caller can store (<c>Input__MaxAmount</c>, <c>Input__MaxBodyBytes</c> …); see <see cref="InputLimits"/>.</summary>
public sealed class InputSettings
{
    public const string Section = "Input";

    [Range(1024, 16 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    [Range(1, 100_000_000_000)]
    public decimal MaxAmount { get; set; } = 1_000_000_000m;

    [Range(100, 100_000)]
    public int MaxTextLength { get; set; } = 10_000;

    [Range(20, 1_000)]
    public int MaxNameLength { get; set; } = 200;

    [Range(20, 20_000)]
    public int MaxReasonLength { get; set; } = 2_000;

    [Range(1, 1_000)]
    public int MaxListItems { get; set; } = 50;

    [Range(1, 100)]
    public int MaxYearsAhead { get; set; } = 25;

    [Range(0, 100)]
    public int MaxYearsBack { get; set; } = 10;

    public InputLimits ToLimits() => new()
    {
        MaxBodyBytes = MaxBodyBytes,
        MaxAmount = MaxAmount,
        MaxTextLength = MaxTextLength,
        MaxNameLength = MaxNameLength,
        MaxReasonLength = MaxReasonLength,
        MaxListItems = MaxListItems,
        MaxYearsAhead = MaxYearsAhead,
        MaxYearsBack = MaxYearsBack,
    };
}
