using System.Text.Json;
using NCrontab;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// Fires timer-triggered functions on their function.json schedules when the app runs without the Functions host.
/// Schedules are 6-field NCRONTAB expressions (seconds first), evaluated in UTC, as the host does.
/// </summary>
public sealed class TimerTriggerRunner(
    FunctionCatalog catalog, FunctionInvoker invoker, TimeProvider clock, IConfiguration configuration, ILogger<TimerTriggerRunner> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Functions
            .Where(f => f.Trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(f => RunScheduleAsync(f, stoppingToken)));

    public static CrontabSchedule ParseSchedule(string expression, IConfiguration configuration)
    {
        // Like the host, "%Name%" means "the schedule is in the setting Name".
        var resolved = expression.StartsWith('%') && expression.EndsWith('%')
            ? configuration[expression.Trim('%').Replace("__", ":", StringComparison.Ordinal)] ?? throw new InvalidOperationException($"Setting {expression.Trim('%')} for a timer schedule is missing.")
            : expression;
        return CrontabSchedule.Parse(resolved, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
    }

    /// <summary>The payload the host sends to a timer function.</summary>
    public static InvocationRequest BuildRequest(FunctionDefinition function, DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now)
    {
        var timer = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last, Next = next, LastUpdated = now },
            IsPastDue = false,
        };
        return new InvocationRequest
        {
            Data = new() { [function.Trigger.Name] = JsonSerializer.SerializeToElement(timer) },
            Metadata = new()
            {
                ["sys"] = JsonSerializer.SerializeToElement(new { MethodName = function.Name, UtcNow = now, RandGuid = Guid.NewGuid() }),
            },
        };
    }

    private async Task RunScheduleAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(function.Trigger.Schedule ?? string.Empty, configuration);
        DateTimeOffset? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await invoker.InvokeAsync(function.Name, BuildRequest(function, last, schedule.GetNextOccurrence(next.UtcDateTime), clock.GetUtcNow()), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer function {FunctionName} failed", function.Name);
            }

            last = next;
        }
    }
}
