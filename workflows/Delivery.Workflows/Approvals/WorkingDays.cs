namespace Delivery.Workflows.Approvals;

/// <summary>Adds working days (Monday to Friday, not bank holidays) to a moment, keeping its time of day.</summary>
public static class WorkingDays
{
    public static DateTime Add(DateTime start, int workingDays, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(bankHolidays);
        var moment = start;
        var added = 0;
        while (added < workingDays)
        {
            moment = moment.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(moment), bankHolidays))
            {
                added++;
            }
        }

        return moment;
    }

    /// <summary>
    /// Working days from <paramref name="from"/> to <paramref name="to"/>: positive when later, negative when
    /// earlier, counting the days moved over (a Friday to the next Monday is 1).
    /// </summary>
    public static int Between(DateOnly from, DateOnly to, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(bankHolidays);
        var (start, end, sign) = to >= from ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsWorkingDay(day, bankHolidays))
            {
                count++;
            }
        }

        return sign * count;
    }

    public static bool IsWorkingDay(DateOnly day, IReadOnlyCollection<DateOnly> bankHolidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !bankHolidays.Contains(day);
}
