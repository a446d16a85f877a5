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

    /// <summary>Attribute naming the function a span or measurement belongs to.</summary>
    public const string FunctionAttribute = "delivery.function";

    /// <summary>Attribute saying how an invocation ended: <c>succeeded</c> or <c>failed</c>.</summary>
    public const string OutcomeAttribute = "delivery.outcome";

    /// <summary>Timer and queue invocations, by function and outcome: a rising failed count is the first sign of poison.</summary>
    public static Counter<long> Invocations { get; } = Meter.CreateCounter<long>(InvocationsMetric, description: "Timer and queue function invocations");

    /// <summary>Name of the <see cref="Invocations"/> counter.</summary>
    public const string InvocationsMetric = "delivery.function.invocations";

    /// <summary>How long timer and queue invocations take, by function and outcome.</summary>
    public static Histogram<double> InvocationDuration { get; } = Meter.CreateHistogram<double>("delivery.function.duration", unit: "s", description: "Duration of timer and queue function invocations");

    /// <summary>
    /// Puts a workflow's ids in scope: every span started and every log record written until the returned scope
    /// is disposed (on this async flow) carries <see cref="InstanceIdAttribute"/> and <see cref="ProjectIdAttribute"/>.
    /// </summary>
    /// <param name="instanceId">Orchestration instance id, or null when not known.</param>
    /// <param name="projectId">Project id, or null when not known; an outer scope's value is kept when null.</param>
    /// <remarks>
    /// The span already running (the function's invocation span) is tagged too: it started before the ids were known.
    /// </remarks>
    public static IDisposable BeginWorkflowScope(string? instanceId, string? projectId)
    {
        var scope = WorkflowTelemetryContext.Begin(instanceId, projectId);
        if (Activity.Current is { } running && WorkflowTelemetryContext.Current is { } ids)
        {
            running.SetTag(InstanceIdAttribute, ids.InstanceId);
            running.SetTag(ProjectIdAttribute, ids.ProjectId);
        }

        return scope;
    }
}
