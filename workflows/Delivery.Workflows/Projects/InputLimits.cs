namespace Delivery.Workflows.Projects;

/// <summary>
/// Bounds on what any caller may store, from settings (<c>Input__MaxAmount</c> …), checked before anything is
/// written so that a value once stored can always be read back and summed.
/// </summary>
public sealed record InputLimits
{
    /// <summary>Largest JSON request body, in bytes (project requests have their own limit, attachments included).</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest amount of money in any one figure, in pounds.</summary>
    public decimal MaxAmount { get; init; } = 1_000_000_000m;

    /// <summary>Longest free-text section, such as the case for change or the delivery plan.</summary>
    public int MaxTextLength { get; init; } = 10_000;

    /// <summary>Longest name, measure, route or other short text.</summary>
    public int MaxNameLength { get; init; } = 200;

    /// <summary>Longest reason given with a command, such as withdrawing a project.</summary>
    public int MaxReasonLength { get; init; } = 2_000;

    /// <summary>Most entries in any list: options, years, milestones, risks, benefits.</summary>
    public int MaxListItems { get; init; } = 50;

    /// <summary>How far ahead a date or financial year may be, in years from today.</summary>
    public int MaxYearsAhead { get; init; } = 25;

    /// <summary>How far back a date or financial year may be, in years from today.</summary>
    public int MaxYearsBack { get; init; } = 10;

    public DateOnly EarliestDate(DateOnly today) => today.AddYears(-MaxYearsBack);

    public DateOnly LatestDate(DateOnly today) => today.AddYears(MaxYearsAhead);
}
