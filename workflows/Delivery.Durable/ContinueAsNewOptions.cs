namespace Delivery.Durable;

/// <summary>
/// Options of <see cref="TaskOrchestrationContext.ContinueAsNew(ContinueAsNewOptions, object?, bool)"/>, as in
/// Microsoft.DurableTask: the version the next execution runs (history is reset, so this is the safe point to move
/// an eternal orchestration to new code).
/// </summary>
public class ContinueAsNewOptions
{
    /// <summary>The version of the next execution; null keeps the current one.</summary>
    public string? NewVersion { get; set; }
}
