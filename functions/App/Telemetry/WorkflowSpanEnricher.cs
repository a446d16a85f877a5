using System.Diagnostics;
using OpenTelemetry;

namespace Delivery.Functions.App.Telemetry;

/// <summary>Tags every span started inside a workflow scope with the instance and project ids.</summary>
public sealed class WorkflowSpanEnricher : BaseProcessor<Activity>
{
    /// <inheritdoc />
    public override void OnStart(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);

        // Read at start, on the flow that started the span: the span may end on another flow.
        if (WorkflowTelemetryContext.Current is not { } ids)
        {
            return;
        }

        if (ids.InstanceId is not null && data.GetTagItem(DeliveryTelemetry.InstanceIdAttribute) is null)
        {
            data.SetTag(DeliveryTelemetry.InstanceIdAttribute, ids.InstanceId);
        }

        if (ids.ProjectId is not null && data.GetTagItem(DeliveryTelemetry.ProjectIdAttribute) is null)
        {
            data.SetTag(DeliveryTelemetry.ProjectIdAttribute, ids.ProjectId);
        }
    }
}
