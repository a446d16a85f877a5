using Delivery.Functions.App.Standalone;
using Delivery.Functions.Reminders;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.ToleranceMonitor;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Runs the delivery-control timers of a test app at a chosen moment (each on a fake clock of its own, the app's
/// services otherwise), and finds UK working-day moments to run them at.
/// </summary>
internal static class ControlTimers
{
    public static async Task<SweepReport?> RunMonitorAsync(ApprovalApp app, DateTimeOffset now)
    {
        var function = ActivatorUtilities.CreateInstance<ToleranceMonitorFunction>(app.App.Services, (TimeProvider)new FakeTimeProvider(now));
        return await function.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, now.AddDays(1), now), app.App.Services.GetRequiredService<DurableTaskClient>(), CancellationToken.None);
    }

    public static async Task<ReminderReport?> RunRemindersAsync(ApprovalApp app, DateTimeOffset now)
    {
        var function = ActivatorUtilities.CreateInstance<RemindersFunction>(app.App.Services, (TimeProvider)new FakeTimeProvider(now));
        return await function.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, now.AddDays(1), now), CancellationToken.None);
    }

    /// <summary>The <paramref name="n"/>th working day after <paramref name="from"/> (today when not given).</summary>
    public static DateOnly WorkingDayAfter(ApprovalApp app, int n, DateOnly? from = null)
    {
        var day = from ?? DateOnly.FromDateTime(DateTime.UtcNow);
        for (var found = 0; found < n;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(app, day))
            {
                found++;
            }
        }

        return day;
    }

    /// <summary>The day itself when it is a working day, else the next one that is.</summary>
    public static DateOnly WorkingDayFrom(ApprovalApp app, DateOnly day) => IsWorkingDay(app, day) ? day : WorkingDayAfter(app, 1, day);

    /// <summary>That day at the given hour, UK time, as UTC.</summary>
    public static DateTimeOffset UkTimeOn(DateOnly day, int hour) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), UkTime.Zone), TimeSpan.Zero);

    private static bool IsWorkingDay(ApprovalApp app, DateOnly day) =>
        WorkingDays.IsWorkingDay(day, app.App.Services.GetRequiredService<ApprovalPolicy>().BankHolidays);
}
