using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.App.Standalone;

/// <summary>
/// One <c>[Function]</c> method as the standalone host serves it, read from the same attributes the Worker SDK turns
/// into functions.metadata: its name, its method and the trigger attribute on one of its parameters.
/// </summary>
public sealed record StandaloneFunction(string Name, MethodInfo Method, ParameterInfo TriggerParameter, Attribute Trigger)
{
    public HttpTriggerAttribute? Http => Trigger as HttpTriggerAttribute;

    public TimerTriggerAttribute? Timer => Trigger as TimerTriggerAttribute;

    public QueueTriggerAttribute? Queue => Trigger as QueueTriggerAttribute;

    /// <summary>Every <c>[Function]</c> method of the given types, ordered by name.</summary>
    public static IReadOnlyList<StandaloneFunction> FindAll(IEnumerable<Type> types) => types
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
        .Where(f => f.Function is not null)
        .Select(f => Describe(f.Function!.Name, f.Method))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<StandaloneFunction> FindAll(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return FindAll(assembly.GetTypes());
    }

    private static StandaloneFunction Describe(string name, MethodInfo method)
    {
        var triggers = method.GetParameters()
            .SelectMany(p => p.GetCustomAttributes().Where(IsTrigger).Select(a => (Parameter: p, Attribute: a)))
            .ToList();
        if (triggers.Count != 1)
        {
            throw new InvalidOperationException($"Function {name} ({method.DeclaringType}.{method.Name}) needs exactly one trigger parameter; it has {triggers.Count}.");
        }

        return new StandaloneFunction(name, method, triggers[0].Parameter, triggers[0].Attribute);
    }

    private static bool IsTrigger(Attribute attribute) =>
        attribute is HttpTriggerAttribute or TimerTriggerAttribute or QueueTriggerAttribute;
}
