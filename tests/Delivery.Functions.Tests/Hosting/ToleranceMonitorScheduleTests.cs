using Delivery.Functions.App.Standalone;
using Delivery.Functions.ToleranceMonitor;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>
/// The monitor's UTC schedule with its UK-time check runs exactly once on each working day, at 07:00 in London:
/// 07:00 UTC in January (GMT) and 06:00 UTC in July (BST), never at weekends or on a bank holiday.
/// </summary>
public sealed class ToleranceMonitorScheduleTests
{
    private static readonly DateOnly[] BankHolidays = [new(2027, 1, 1)];

    [Theory]
    [InlineData(2027, 1, 7)]
    [InlineData(2027, 7, 6)]
    [InlineData(2027, 3, 7)] // the month the clocks go forward (28 March)
    [InlineData(2027, 10, 6)] // and back (31 October)
    public void Fires_once_at_seven_in_London_on_every_working_day_of_the_month(int year, int month, int utcHourOnTheFirstWorkingDay)
    {
        var schedule = TimerTriggerRunner.ParseSchedule(ToleranceMonitorFunction.Schedule, new ConfigurationBuilder().Build());
        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        var runs = schedule.GetNextOccurrences(start.AddSeconds(-1), start.AddMonths(1))
            .Select(utc => new DateTimeOffset(utc, TimeSpan.Zero))
            .Where(utc => UkTime.IsWorkingHour(utc, ToleranceMonitorFunction.UkHour, BankHolidays))
            .ToList();

        var workingDays = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, 1).AddDays(d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays.Contains(d))
            .ToList();
        Assert.Equal(workingDays, runs.Select(r => DateOnly.FromDateTime(UkTime.LocalTime(r))).ToList());
        Assert.All(runs, r => Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(UkTime.LocalTime(r))));
        Assert.Equal(utcHourOnTheFirstWorkingDay, runs[0].UtcDateTime.Hour);
    }

    [Fact]
    public void The_built_in_UK_rule_agrees_with_the_system_time_zone_data_every_hour_of_two_years()
    {
        var system = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        for (var utc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc.Year < 2028; utc = utc.AddHours(1))
        {
            Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(utc, system), TimeZoneInfo.ConvertTimeFromUtc(utc, UkTime.RuleZone));
        }
    }
}
