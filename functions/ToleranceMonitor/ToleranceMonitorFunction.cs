using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ToleranceMonitor;

/// <summary>
/// The tolerance monitor: at 07:00 UK time on every working day it reads every approved project against its
/// tolerances (cost, time, risk, risk actions; on forecast as well as actual) and raises each new or worsened
/// breach on the project's control orchestration, which asks the project manager for an exception report.
/// </summary>
/// <remarks>
/// Timer schedules run in UTC, so it fires at 06:00 and 07:00 UTC on weekdays and goes on only when that is 07:00
/// in London (06:00 UTC in summer time, 07:00 UTC in winter), and not on a bank holiday. The figures come from the
/// <c>controls</c> view, a thousand projects per request, so one invocation sweeps the whole portfolio.
/// </remarks>
public sealed class ToleranceMonitorFunction(ToleranceSweep sweep, ApprovalPolicy calendar, TimeProvider clock, ILogger<ToleranceMonitorFunction> logger)
{
    public const string Name = nameof(ToleranceMonitor);

    /// <summary>06:00 and 07:00 UTC, Monday to Friday (six fields, seconds first).</summary>
    public const string Schedule = "0 0 6,7 * * 1-5";

    /// <summary>The UK hour the sweep is for.</summary>
    public const int UkHour = 7;

    /// <returns>The sweep's report, or null when this firing is not 07:00 on a UK working day.</returns>
    [Function(Name)]
    public async Task<SweepReport?> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var now = clock.GetUtcNow();
        if (!UkTime.IsWorkingHour(now, UkHour, calendar.BankHolidays))
        {
            logger.LogInformation("Tolerance monitor not due at {Now:u} ({UkTime:HH:mm} UK time, or not a working day)", now, UkTime.LocalTime(now));
            return null;
        }

        var report = await sweep.RunAsync(UkTime.Today(now), calendar.BankHolidays, new OrchestrationBreachSink(client), cancellationToken);
        logger.LogInformation("Tolerance monitor checked {Projects} projects: {Breaches} breaches raised, {Failed} failed", report.Projects, report.Breaches, report.Failed.Count);
        return report;
    }
}
