using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Delivery.Functions.App.Telemetry;

/// <summary>Adds the instance and project ids to every log record written inside a workflow scope.</summary>
/// <remarks>Log processors run synchronously where the record is written, so the scope is the writer's.</remarks>
public sealed class WorkflowLogEnricher : BaseProcessor<LogRecord>
{
    /// <inheritdoc />
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);

        if (WorkflowTelemetryContext.Current is not { } ids)
        {
            return;
        }

        var attributes = data.Attributes is { } existing ? new List<KeyValuePair<string, object?>>(existing) : [];
        Add(attributes, DeliveryTelemetry.InstanceIdAttribute, ids.InstanceId);
        Add(attributes, DeliveryTelemetry.ProjectIdAttribute, ids.ProjectId);
        data.Attributes = attributes;
    }

    private static void Add(List<KeyValuePair<string, object?>> attributes, string key, string? value)
    {
        if (value is not null && !attributes.Exists(pair => pair.Key == key))
        {
            attributes.Add(new KeyValuePair<string, object?>(key, value));
        }
    }
}
