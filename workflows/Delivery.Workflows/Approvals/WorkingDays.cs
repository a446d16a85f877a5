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

    public static bool IsWorkingDay(DateOnly day, IReadOnlyCollection<DateOnly> bankHolidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !bankHolidays.Contains(day);
}
