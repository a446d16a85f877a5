using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.ProjectLifecycle;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Reminders;

/// <summary>
/// The daily reminders, at 08:00 UK time on working days (after the 07:00 tolerance sweep): each person gets one
/// email listing every open risk they own that has not been reviewed for <c>Lifecycle__RiskReviewDays</c> and every
/// risk action of theirs past due, across all projects; a second run the same day sends nothing.
/// </summary>
/// <remarks>Fires at 07:00 and 08:00 UTC and goes on only for the one that is 08:00 in London (see <see cref="UkTime"/>).</remarks>
public sealed class RemindersFunction(ReminderSweep reminders, ApprovalPolicy calendar, LifecyclePolicy lifecycle, TimeProvider clock, ILogger<RemindersFunction> logger)
{
    public const string Name = nameof(Reminders);

    /// <summary>07:00 and 08:00 UTC, Monday to Friday (six fields, seconds first).</summary>
    public const string Schedule = "0 0 7,8 * * 1-5";

    public const int UkHour = 8;

    /// <returns>What was sent, or null when this firing is not 08:00 on a UK working day.</returns>
    [Function(Name)]
    public async Task<ReminderReport?> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var now = clock.GetUtcNow();
        if (!UkTime.IsWorkingHour(now, UkHour, calendar.BankHolidays))
        {
            return null;
        }

        var report = await reminders.RunAsync(UkTime.Today(now), lifecycle.RiskReviewDays, cancellationToken);
        logger.LogInformation("Reminders: {People} people emailed about {Items} items; {Already} already emailed today; {Failed} failed", report.PeopleEmailed, report.Items, report.AlreadySentToday, report.Failed.Count);
        return report;
    }
}
