using Delivery.Workflows.Approvals;

namespace Delivery.Functions.ToleranceMonitor;

/// <summary>
/// UK civil time for schedules that mean "07:00 in the office": the app runs in UTC on Linux (Flex Consumption does
/// not honour WEBSITE_TIME_ZONE), so a timer fires at both candidate UTC hours and this says which one is meant.
/// </summary>
public static class UkTime
{
    /// <summary>
    /// Europe/London from the system's time zone data, or, on a machine without it, the UK rule itself (BST from
    /// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October).
    /// </summary>
    public static TimeZoneInfo Zone { get; } = FindLondon();

    public static DateTime LocalTime(DateTimeOffset moment) => TimeZoneInfo.ConvertTimeFromUtc(moment.UtcDateTime, Zone);

    /// <summary>Whether it is the given hour in the UK on a working day (Monday to Friday, not a bank holiday).</summary>
    public static bool IsWorkingHour(DateTimeOffset moment, int hour, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        var local = LocalTime(moment);
        return local.Hour == hour && WorkingDays.IsWorkingDay(DateOnly.FromDateTime(local), bankHolidays);
    }

    public static DateOnly Today(DateTimeOffset moment) => DateOnly.FromDateTime(LocalTime(moment));

    /// <summary>The UK's summer time rule, for machines without time zone data (tested against it where there is).</summary>
    public static TimeZoneInfo RuleZone { get; } = BuildRule();

    private static TimeZoneInfo FindLondon()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return RuleZone;
        }
    }

    private static TimeZoneInfo BuildRule()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Europe/London", TimeSpan.Zero, "UK time", "GMT", "BST", [rule]);
    }
}
