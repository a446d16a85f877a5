namespace Delivery.Durable;

/// <summary>Options of <see cref="TaskOrchestrationContext.ContinueAsNew(ContinueAsNewOptions)"/>, including a new version.</summary>
public sealed record ContinueAsNewOptions
{
    public object? NewInput { get; init; }

    public bool PreserveUnprocessedEvents { get; init; } = true;

    /// <summary>The version the next execution runs; null keeps the current one.</summary>
    public string? NewVersion { get; init; }
}
