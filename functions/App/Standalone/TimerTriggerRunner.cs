using Delivery.Functions.App.Hosting;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Delivery.Functions.App.Standalone;

/// <summary>
/// Fires timer-triggered functions on their <c>[TimerTrigger]</c> schedules. Schedules are 6-field NCRONTAB expressions
/// (seconds first), as the Functions host reads them, always evaluated in UTC: <c>WEBSITE_TIME_ZONE</c> is not honoured.
/// </summary>
public sealed class TimerTriggerRunner(
    FunctionIndex index, IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<TimerTriggerRunner> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(index.Timers.Select(f => RunScheduleAsync(f, stoppingToken)));

    public static CrontabSchedule ParseSchedule(string expression, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(configuration);

        // Like the host, "%Name%" means "the schedule is in the setting Name".
        var resolved = expression.StartsWith('%') && expression.EndsWith('%')
            ? configuration[expression.Trim('%').Replace("__", ":", StringComparison.Ordinal)] ?? throw new InvalidOperationException($"Setting {expression.Trim('%')} for a timer schedule is missing.")
            : expression;
        return CrontabSchedule.Parse(resolved, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
    }

    /// <summary>The <see cref="TimerInfo"/> the worker hands a timer function.</summary>
    public static TimerInfo BuildTimerInfo(DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now) => new()
    {
        ScheduleStatus = new ScheduleStatus { Last = last?.UtcDateTime ?? default, Next = next.UtcDateTime, LastUpdated = now.UtcDateTime },
        IsPastDue = false,
    };

    private async Task RunScheduleAsync(StandaloneFunction function, CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(function.Timer!.Schedule, configuration);
        DateTimeOffset? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await Task.Delay(next - now, clock, stoppingToken);
            var timer = BuildTimerInfo(last, new DateTimeOffset(schedule.GetNextOccurrence(next.UtcDateTime), TimeSpan.Zero), clock.GetUtcNow());
            try
            {
                await InvocationTelemetry.RunAsync(function.Name, logger, async () =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await StandaloneInvoker.InvokeAsync(function, scope.ServiceProvider, timer, new Dictionary<string, object?>(), stoppingToken);
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer function {FunctionName} failed", function.Name);
            }

            last = next;
        }
    }
}
