using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Delivery.Durable;

/// <summary>
/// The orchestrators and activities a worker runs, as in Microsoft.DurableTask. Class-based tasks are created per
/// call through dependency injection. Orchestrators may be registered under several versions (ours): with
/// <see cref="DurableTaskVersionAttribute"/> or the <c>version</c> overloads.
/// </summary>
public sealed partial class DurableTaskRegistry
{
    internal Dictionary<(string Name, string Version), Func<IServiceProvider, ITaskOrchestrator>> Orchestrators { get; } = new(NameVersionComparer.Instance);

    internal Dictionary<string, Func<IServiceProvider, ITaskActivity>> Activities { get; } = new(StringComparer.OrdinalIgnoreCase);

    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
        => AddOrchestrator(typeof(TOrchestrator));

    public DurableTaskRegistry AddOrchestrator(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var version = type.GetCustomAttribute<DurableTaskVersionAttribute>()?.Version.Version ?? string.Empty;
        return AddOrchestrator(NameOf(type), version, sp => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(sp, type));
    }

    public DurableTaskRegistry AddOrchestrator(TaskName name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var version = type.GetCustomAttribute<DurableTaskVersionAttribute>()?.Version.Version ?? string.Empty;
        return AddOrchestrator(name, version, sp => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(sp, type));
    }

    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AddOrchestrator(name, string.Empty, _ => factory());
    }

    public DurableTaskRegistry AddOrchestrator(TaskName name, ITaskOrchestrator orchestrator)
        => AddOrchestrator(name, string.Empty, _ => orchestrator);

    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity
        => AddActivity(typeof(TActivity));

    public DurableTaskRegistry AddActivity(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return AddActivity(NameOf(type), type);
    }

    public DurableTaskRegistry AddActivity(TaskName name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return AddActivity(name, sp => (ITaskActivity)ActivatorUtilities.CreateInstance(sp, type));
    }

    public DurableTaskRegistry AddActivity(TaskName name, Func<ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AddActivity(name, _ => factory());
    }

    public DurableTaskRegistry AddActivity(TaskName name, ITaskActivity activity) => AddActivity(name, _ => activity);

    internal DurableTaskRegistry AddOrchestrator(TaskName name, string version, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name.Name);
        if (!Orchestrators.TryAdd((name.Name, version ?? string.Empty), factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' with version '{version}' is already registered.", nameof(name));
        }

        return this;
    }

    internal DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name.Name);
        if (!Activities.TryAdd(name.Name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>
    /// The version a new instance runs when it was started without one: the unversioned registration if there is
    /// one, else the highest registered version (numeric when both parse as versions, ordinal otherwise).
    /// </summary>
    internal string? DefaultVersion(string name)
    {
        var versions = Orchestrators.Keys.Where(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)).Select(k => k.Version).ToList();
        if (versions.Count == 0 || versions.Contains(string.Empty))
        {
            return null;
        }

        versions.Sort(CompareVersions);
        return versions[^1];
    }

    internal ITaskOrchestrator? CreateOrchestrator(IServiceProvider services, string name, string? version)
    {
        if (Orchestrators.TryGetValue((name, version ?? string.Empty), out var factory)
            || Orchestrators.TryGetValue((name, string.Empty), out factory))
        {
            return factory(services);
        }

        return null;
    }

    internal ITaskActivity? CreateActivity(IServiceProvider services, string name)
        => Activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private static int CompareVersions(string left, string right)
        => System.Version.TryParse(left, out var l) && System.Version.TryParse(right, out var r) ? l.CompareTo(r)
            : int.TryParse(left, out var li) && int.TryParse(right, out var ri) ? li.CompareTo(ri)
            : string.CompareOrdinal(left, right);

    private static TaskName NameOf(Type type)
    {
        var attribute = type.GetCustomAttribute<DurableTaskAttribute>();
        return attribute is not null && !string.IsNullOrEmpty(attribute.Name.Name) ? attribute.Name : type.Name;
    }

    private sealed class NameVersionComparer : IEqualityComparer<(string Name, string Version)>
    {
        public static NameVersionComparer Instance { get; } = new();

        public bool Equals((string Name, string Version) x, (string Name, string Version) y)
            => string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Version, y.Version, StringComparison.Ordinal);

        public int GetHashCode((string Name, string Version) obj)
            => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name), StringComparer.Ordinal.GetHashCode(obj.Version));
    }
}
