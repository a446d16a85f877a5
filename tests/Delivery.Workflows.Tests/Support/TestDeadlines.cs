using Delivery.Workflows.Approvals;

namespace Delivery.Workflows.Tests.Support;

/// <summary>
/// A compressed calendar for chase timers: each working day lasts <paramref name="workingDay"/> of real time after the
/// request, because the engine's timers run on real time. Like the real one it depends only on the request time, so
/// a retried activity gets the same dates. The real calendar is tested on its own.
/// </summary>
public sealed class TestDeadlines(TestClock clock, TimeSpan workingDay) : ApprovalDeadlines
{
    public override DateTimeOffset DueAfter(DateTimeOffset requestedAt, int workingDays, IReadOnlyCollection<DateOnly> bankHolidays) =>
        clock.RealTimeOf(requestedAt) + (workingDay * workingDays);
}
