namespace Delivery.Durable;

/// <summary>
/// The version of a class-based orchestrator, as in Microsoft.DurableTask, so several versions of one orchestration
/// can be registered side by side. Instances started with <see cref="StartOrchestrationOptions.Version"/> run that
/// version; instances started without one run the unversioned registration, else the newest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskVersionAttribute : Attribute
{
    public DurableTaskVersionAttribute(string? version = null)
    {
        if (!string.IsNullOrEmpty(version) && string.IsNullOrWhiteSpace(version))
        {
            throw new ArgumentException("A version must not be whitespace only.", nameof(version));
        }

        Version = string.IsNullOrEmpty(version) ? default : new TaskVersion(version);
    }

    public TaskVersion Version { get; }
}
