using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Tests.Approvals;

public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData("2026-11-23T09:00:00", 3, "2026-11-26T09:00:00")] // Monday + 3 = Thursday
    [InlineData("2026-11-26T09:00:00", 3, "2026-12-01T09:00:00")] // Thursday + 3 skips the weekend
    [InlineData("2026-11-28T10:00:00", 1, "2026-11-30T10:00:00")] // Saturday + 1 = Monday
    [InlineData("2026-11-27T16:30:00", 5, "2026-12-04T16:30:00")] // Friday + 5 = next Friday
    public void Add_SkipsWeekends(string start, int days, string expected)
    {
        var result = WorkingDays.Add(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days, []);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Fact]
    public void Add_SkipsBankHolidays()
    {
        // Christmas Day and Boxing Day (substitute) 2026 are Friday 25 and Monday 28 December.
        DateOnly[] holidays = [new(2026, 12, 25), new(2026, 12, 28)];

        var result = WorkingDays.Add(new DateTime(2026, 12, 24, 9, 0, 0, DateTimeKind.Utc), 1, holidays);

        Assert.Equal(new DateTime(2026, 12, 29, 9, 0, 0, DateTimeKind.Utc), result);
    }
}
