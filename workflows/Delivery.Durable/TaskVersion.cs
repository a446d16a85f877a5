namespace Delivery.Durable;

/// <summary>The version of an orchestration, as in Microsoft.DurableTask; converts implicitly from a string.</summary>
public readonly record struct TaskVersion(string Version)
{
    public static implicit operator TaskVersion(string version) => new(version);

    public static TaskVersion FromString(string version) => new(version);

    public override string ToString() => Version;
}
