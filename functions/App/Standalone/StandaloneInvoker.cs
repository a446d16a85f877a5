using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Delivery.Functions.App.Standalone;

/// <summary>
/// Calls one function method as the isolated worker does: a new instance of its class per invocation, made with
/// <see cref="ActivatorUtilities"/> from the invocation's service scope (the worker's default activator), and its
/// parameters bound from the trigger.
/// </summary>
/// <remarks>
/// Binding covers what our functions use: the trigger parameter, <see cref="CancellationToken"/>, a
/// <c>[DurableClient]</c> parameter (resolved from the scope by its type: the standalone engine's client, where the
/// Durable extension would bind one from the host), and other simple parameters by name from the trigger's binding
/// data (HTTP route values). Anything else fails the invocation with a message naming the parameter.
/// </remarks>
public static class StandaloneInvoker
{
    public static async Task<object?> InvokeAsync(
        StandaloneFunction function,
        IServiceProvider scope,
        object? trigger,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(bindingData);
        var method = function.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope, method.DeclaringType!);
        try
        {
            var arguments = method.GetParameters()
                .Select(p => Bind(function, p, scope, trigger, bindingData, cancellationToken))
                .ToArray();
            return await UnwrapAsync(method.Invoke(instance, arguments));
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    public static bool IsDurableClient(ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.GetCustomAttribute<Microsoft.Azure.Functions.Worker.DurableClientAttribute>() is not null;
    }

    private static object? Bind(
        StandaloneFunction function, ParameterInfo parameter, IServiceProvider scope, object? trigger,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        if (parameter.Position == function.TriggerParameter.Position)
        {
            return trigger;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (IsDurableClient(parameter))
        {
            return scope.GetRequiredService(parameter.ParameterType);
        }

        if (bindingData.TryGetValue(parameter.Name!, out var value))
        {
            return Convert(value, parameter.ParameterType);
        }

        if (parameter.HasDefaultValue || Nullable.GetUnderlyingType(parameter.ParameterType) is not null || !parameter.ParameterType.IsValueType)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        throw new InvalidOperationException($"Function {function.Name}: the standalone host cannot bind parameter '{parameter.Name}'.");
    }

    private static object? Convert(object? value, Type type)
    {
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return TypeDescriptor.GetConverter(target).ConvertFrom(null, CultureInfo.InvariantCulture, value.ToString()!);
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var type = task.GetType();
                return type.IsGenericType && type.GetGenericArguments()[0].Name != "VoidTaskResult"
                    ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
