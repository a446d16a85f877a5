namespace Delivery.Durable;

/// <summary>
/// Registers a class-based orchestrator under a version, so several versions of one orchestration can be registered
/// side by side (ours; Microsoft.DurableTask has no equivalent). Instances started with
/// <see cref="StartOrchestrationOptions.Version"/> run that version; instances started without one run the newest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskVersionAttribute(string version) : Attribute
{
    public string Version { get; } = version;
}
