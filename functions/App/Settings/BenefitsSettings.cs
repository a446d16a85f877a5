using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Delivery.Workflows.Benefits;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// Benefits reviews after closure: <c>Benefits__ReviewMonths</c> ("3,6,12": months after closure each review falls
/// due), <c>Benefits__ReminderAfter</c> (a reminder to the benefit owner that long after a review opens, default 14
/// days) and <c>Benefits__EscalateAfter</c> (to the sponsor that long after the reminder, default 14 days).
/// <c>Benefits__ReviewOffsets</c> ("00:00:05,00:00:10", TimeSpans after closure) replaces the months: for tests and
/// short trials only.
/// </summary>
public sealed class BenefitsSettings : IValidatableObject
{
    public const string Section = "Benefits";

    public string ReviewMonths { get; set; } = "3,6,12";

    public string? ReviewOffsets { get; set; }

    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(14);

    public BenefitReviewPolicy ToPolicy() => new()
    {
        ReviewMonths = Months() ?? [3, 6, 12],
        ReviewOffsets = Offsets() ?? [],
        ReminderAfter = ReminderAfter,
        EscalateAfter = EscalateAfter,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Months() is null)
        {
            yield return new ValidationResult("must be 1 to 12 whole months (1 to 120), rising, separated by commas, e.g. \"3,6,12\".", [nameof(ReviewMonths)]);
        }

        if (!string.IsNullOrWhiteSpace(ReviewOffsets) && Offsets() is null)
        {
            yield return new ValidationResult("must be 1 to 12 rising times after closure (TimeSpans), separated by commas, e.g. \"00:00:05,00:00:10\".", [nameof(ReviewOffsets)]);
        }

        if (ReminderAfter <= TimeSpan.Zero || EscalateAfter <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be more than zero.", [nameof(ReminderAfter), nameof(EscalateAfter)]);
        }
    }

    private int[]? Months()
    {
        var parts = (ReviewMonths ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var months = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 120 ? m : 0).ToArray();
        return months.Length is >= 1 and <= 12 && months.All(m => m > 0) && Rising(months) ? months : null;
    }

    private TimeSpan[]? Offsets()
    {
        if (string.IsNullOrWhiteSpace(ReviewOffsets))
        {
            return null;
        }

        var offsets = ReviewOffsets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => TimeSpan.TryParse(p, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero ? t : TimeSpan.Zero).ToArray();
        return offsets.Length is >= 1 and <= 12 && offsets.All(o => o > TimeSpan.Zero) && Rising(offsets) ? offsets : null;
    }

    private static bool Rising<T>(T[] values)
        where T : IComparable<T> => values.Zip(values.Skip(1)).All(p => p.First.CompareTo(p.Second) < 0);
}
