using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Delivery.Functions.App.Telemetry;

/// <summary>
/// The app's own telemetry names: the <see cref="ActivitySource"/> and <see cref="Meter"/> called <c>Delivery</c>,
/// and the attribute names that tie spans and log records to a workflow.
/// </summary>
public static class DeliveryTelemetry
{
    /// <summary>Name of the app's ActivitySource and Meter.</summary>
    public const string SourceName = "Delivery";

    /// <summary>Attribute naming the orchestration instance a span or log record belongs to.</summary>
    public const string InstanceIdAttribute = "delivery.instance_id";

    /// <summary>Attribute naming the project a span or log record belongs to.</summary>
    public const string ProjectIdAttribute = "delivery.project_id";

    /// <summary>Source for the app's own spans (orchestration turns, activities, triggers).</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName);

    /// <summary>Meter for the app's own metrics.</summary>
    public static Meter Meter { get; } = new(SourceName);

    /// <summary>
    /// Puts a workflow's ids in scope: every span started and every log record written until the returned scope
    /// is disposed (on this async flow) carries <see cref="InstanceIdAttribute"/> and <see cref="ProjectIdAttribute"/>.
    /// </summary>
    /// <param name="instanceId">Orchestration instance id, or null when not known.</param>
    /// <param name="projectId">Project id, or null when not known; an outer scope's value is kept when null.</param>
    public static IDisposable BeginWorkflowScope(string? instanceId, string? projectId) =>
        WorkflowTelemetryContext.Begin(instanceId, projectId);
}
