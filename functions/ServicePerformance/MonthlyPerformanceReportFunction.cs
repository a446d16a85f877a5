using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Performance;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// The monthly performance report, at 07:00 UTC on the 1st of each month (07:00 or 08:00 in the UK): each digital
/// service in private beta, public beta or live emails its stakeholders the figures of the month just ended against
/// target (see <see cref="MonthlyPerformanceReport"/>). A second run in the same month sends nobody anything again.
/// </summary>
public sealed class MonthlyPerformanceReportFunction(MonthlyPerformanceReport report, TimeProvider clock, ILogger<MonthlyPerformanceReportFunction> logger)
{
    public const string Name = "MonthlyPerformanceReport";

    /// <summary>07:00 UTC on the 1st of every month (six fields, seconds first).</summary>
    public const string Schedule = "0 0 7 1 * *";

    [Function(Name)]
    public async Task<PerformanceReportRun> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);

        // The month just ended, as the UK counts it: the one before today's, whenever in the month the timer ran (a
        // run caught up after an outage still reports the month before, once).
        var today = UkTime.Today(clock.GetUtcNow());
        var month = Months.Of(new DateOnly(today.Year, today.Month, 1).AddMonths(-1));
        var run = await report.RunAsync(month, cancellationToken);
        logger.LogInformation("Monthly performance report for {Month}: {Services} services, {Emailed} emails sent, {Already} sent before, {Failed} failed", month, run.Services, run.Emailed, run.AlreadySent, run.Failed.Count);
        return run;
    }
}
