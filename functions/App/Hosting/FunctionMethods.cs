using System.Collections.Concurrent;
using System.Reflection;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// Finds a function's method from the worker's <c>FunctionDefinition.EntryPoint</c> (<c>Namespace.Type.Method</c>),
/// once per entry point, so middleware can read the method's attributes.
/// </summary>
public static class FunctionMethods
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> Cache = new(StringComparer.Ordinal);

    public static MethodInfo? Find(string entryPoint) => Cache.GetOrAdd(entryPoint, static name =>
    {
        var dot = name.LastIndexOf('.');
        var type = dot < 0 ? null : typeof(FunctionMethods).Assembly.GetType(name[..dot]);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == name[(dot + 1)..]);
    });
}
