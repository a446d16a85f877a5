namespace Delivery.Workflows.TeamBudget;

/// <summary>
/// Calendar-month arithmetic for team costs: a month's cost accrues evenly over that month's days, so 1 January to
/// 1 March is exactly two months and 1 to 16 April (15 of April's 30 days) is half a month. Delivery managers budget
/// by the month, and this keeps "three months at £10,000" exactly £30,000 whatever the months' lengths.
/// </summary>
public static class Months
{
    /// <summary>Months from <paramref name="from"/> to <paramref name="to"/>, counted from <paramref name="from"/>'s day of the month; 0 when <paramref name="to"/> is not later.</summary>
    public static decimal Between(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0m;
        }

        var whole = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (from.AddMonths(whole) > to)
        {
            whole--;
        }

        var anchor = from.AddMonths(whole);
        var next = from.AddMonths(whole + 1);
        return whole + ((decimal)(to.DayNumber - anchor.DayNumber) / (next.DayNumber - anchor.DayNumber));
    }

    /// <summary>The day <paramref name="months"/> (0 or more, fractions counted in that month's days, rounded down) after <paramref name="from"/>.</summary>
    public static DateOnly Add(DateOnly from, decimal months)
    {
        var whole = (int)Math.Floor(months);
        var anchor = from.AddMonths(whole);
        var next = from.AddMonths(whole + 1);
        return anchor.AddDays((int)Math.Floor((months - whole) * (next.DayNumber - anchor.DayNumber)));
    }
}
