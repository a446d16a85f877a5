using System.Diagnostics;
using Delivery.Functions.App.Telemetry;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// One span of the app's own source and the invocation counters around a timer or queue invocation, in both modes:
/// the worker's <see cref="InvocationTelemetryMiddleware"/> and the standalone host's trigger runners call it.
/// </summary>
public static class InvocationTelemetry
{
    public static async Task RunAsync(string functionName, ILogger logger, Func<Task> invoke)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(invoke);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["FunctionName"] = functionName });
        using var span = DeliveryTelemetry.ActivitySource.StartActivity($"function {functionName}", ActivityKind.Consumer);
        span?.SetTag(DeliveryTelemetry.FunctionAttribute, functionName);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            await invoke();
            outcome = "succeeded";
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList { { DeliveryTelemetry.FunctionAttribute, functionName }, { DeliveryTelemetry.OutcomeAttribute, outcome } };
            DeliveryTelemetry.Invocations.Add(1, tags);
            DeliveryTelemetry.InvocationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
