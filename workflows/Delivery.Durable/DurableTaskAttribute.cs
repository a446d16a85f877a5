namespace Delivery.Durable;

/// <summary>Names a class-based orchestrator or activity (otherwise its type name is used), as in Microsoft.DurableTask.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskAttribute(string? name = null) : Attribute
{
    public TaskName Name { get; } = name ?? string.Empty;
}
