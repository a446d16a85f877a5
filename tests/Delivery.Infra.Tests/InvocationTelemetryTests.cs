using System.Diagnostics;
using System.Diagnostics.Metrics;
using Delivery.Functions.App.Hosting;
using Delivery.Functions.App.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delivery.Infra.Tests;

/// <summary>
/// Every timer and queue invocation goes through <see cref="InvocationTelemetry"/> (in both modes): it gets a span of the app's own
/// source, tagged with the workflow ids the handler learns, and is counted by function and outcome.
/// </summary>
public sealed class InvocationTelemetryTests : IDisposable
{
    private readonly string _function = $"Probe{Guid.NewGuid():N}";
    private readonly List<Activity> _spans = [];
    private readonly List<(long Count, string? Outcome)> _counted = [];
    private readonly ActivityListener _spanListener;
    private readonly MeterListener _meterListener = new();

    public InvocationTelemetryTests()
    {
        _spanListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DeliveryTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (Equals(span.GetTagItem(DeliveryTelemetry.FunctionAttribute), _function))
                {
                    lock (_spans)
                    {
                        _spans.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_spanListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            // By name: the counter may be published from DeliveryTelemetry's static constructor, before the property is set.
            if (instrument.Meter.Name == DeliveryTelemetry.SourceName && instrument.Name == DeliveryTelemetry.InvocationsMetric)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var named = tags.ToArray();
            if (named.Any(t => t.Key == DeliveryTelemetry.FunctionAttribute && Equals(t.Value, _function)))
            {
                lock (_counted)
                {
                    _counted.Add((value, named.Single(t => t.Key == DeliveryTelemetry.OutcomeAttribute).Value as string));
                }
            }
        });
        _meterListener.Start();
    }

    public void Dispose()
    {
        _spanListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public async Task Invocation_span_carries_the_ids_the_handler_puts_in_scope_and_is_counted_as_succeeded()
    {
        await InvocationTelemetry.RunAsync(_function, NullLogger.Instance, () => ProbeAsync(fail: false));

        var span = Assert.Single(_spans);
        Assert.Equal($"function {_function}", span.DisplayName);
        Assert.Equal("lifecycle-prj-1", span.GetTagItem(DeliveryTelemetry.InstanceIdAttribute));
        Assert.Equal("prj-1", span.GetTagItem(DeliveryTelemetry.ProjectIdAttribute));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal([(1L, "succeeded")], _counted);
    }

    [Fact]
    public async Task Failed_invocation_is_an_error_span_and_counted_as_failed()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => InvocationTelemetry.RunAsync(_function, NullLogger.Instance, () => ProbeAsync(fail: true)));

        Assert.Equal(ActivityStatusCode.Error, Assert.Single(_spans).Status);
        Assert.Equal([(1L, "failed")], _counted);
    }

    private static async Task ProbeAsync(bool fail)
    {
        // As DurableWork does: the ids are known only once the message is read.
        using var ids = DeliveryTelemetry.BeginWorkflowScope("lifecycle-prj-1", "prj-1");
        await Task.Yield();
        if (fail)
        {
            throw new InvalidOperationException("probe failed");
        }
    }
}
