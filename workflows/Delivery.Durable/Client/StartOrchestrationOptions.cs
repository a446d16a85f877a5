namespace Delivery.Durable;

/// <summary>How to start an orchestration instance, as in Microsoft.DurableTask.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="StartAt">When to start (a durable, delayed start); now when null.</param>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>The orchestration version to run; the newest registered when null.</summary>
    public TaskVersion? Version { get; init; }
}
