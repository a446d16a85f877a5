using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Digest;
using Delivery.Workflows.ProjectLifecycle;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.WeeklyDigest;

/// <summary>
/// The weekly digest, on Mondays at 08:00 UK time: every holder of <c>Lifecycle__DigestRole</c> gets one email with
/// projects by stage and status, the week's new exceptions, overdue items, the approvals waiting longest and benefits
/// reviews due; a second run in the same ISO week sends nothing.
/// </summary>
/// <remarks>Fires at 07:00 and 08:00 UTC on Mondays and goes on only for the one that is 08:00 in London (see <see cref="UkTime"/>).</remarks>
public sealed class WeeklyDigestFunction(Workflows.Digest.WeeklyDigest digest, LifecyclePolicy lifecycle, TimeProvider clock, ILogger<WeeklyDigestFunction> logger)
{
    public const string Name = "WeeklyDigest";

    /// <summary>07:00 and 08:00 UTC on Mondays (six fields, seconds first).</summary>
    public const string Schedule = "0 0 7,8 * * 1";

    public const int UkHour = 8;

    /// <returns>What was sent, or null when this firing is not 08:00 on a Monday in the UK.</returns>
    [Function(Name)]
    public async Task<DigestReport?> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var now = clock.GetUtcNow();
        var local = UkTime.LocalTime(now);
        // A bank holiday Monday still gets its digest: it is the week's only one.
        if (local.Hour != UkHour || local.DayOfWeek != DayOfWeek.Monday)
        {
            return null;
        }

        var report = await digest.RunAsync(UkTime.Today(now), lifecycle.DigestRole, lifecycle.RiskReviewDays, cancellationToken);
        logger.LogInformation("Weekly digest: {Leads} leads emailed; {Already} already emailed this week; {Failed} failed", report.LeadsEmailed, report.AlreadySentThisWeek, report.Failed.Count);
        return report;
    }
}
