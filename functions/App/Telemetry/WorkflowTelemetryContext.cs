namespace Delivery.Functions.App.Telemetry;

/// <summary>
/// The workflow ids in scope on the current async flow, read by <see cref="WorkflowSpanEnricher"/> and <see cref="WorkflowLogEnricher"/>.
/// </summary>
/// <remarks>
/// An <see cref="AsyncLocal{T}"/> rather than Activity baggage: baggage is sent on every outgoing HTTP request by the
/// W3C propagator, which would hand our ids to third parties such as SendGrid; and rather than ILogger scopes,
/// which only reach log records, not spans. Scopes nest; disposing one restores the outer ids.
/// </remarks>
public static class WorkflowTelemetryContext
{
    private static readonly AsyncLocal<WorkflowIds?> _current = new();

    /// <summary>The ids in scope, or null outside any workflow scope.</summary>
    public static WorkflowIds? Current => _current.Value;

    internal static IDisposable Begin(string? instanceId, string? projectId)
    {
        var outer = _current.Value;
        _current.Value = new WorkflowIds(instanceId ?? outer?.InstanceId, projectId ?? outer?.ProjectId);
        return new Scope(outer);
    }

    private sealed class Scope(WorkflowIds? outer) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _current.Value = outer;
                _disposed = true;
            }
        }
    }
}

/// <summary>The orchestration instance and project a piece of work belongs to.</summary>
/// <param name="InstanceId">Orchestration instance id, if known.</param>
/// <param name="ProjectId">Project id, if known.</param>
public sealed record WorkflowIds(string? InstanceId, string? ProjectId);
