namespace Delivery.Durable;

/// <summary>Why an activity, sub-orchestration or orchestration failed, as in Microsoft.DurableTask.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure)
{
    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> (or a subtype).</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var type = typeof(T);
        for (var t = Type.GetType(ErrorType, throwOnError: false); t is not null; t = t.BaseType)
        {
            if (t == type)
            {
                return true;
            }
        }

        return string.Equals(ErrorType, type.FullName, StringComparison.Ordinal);
    }

    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails);
        }

        var inner = exception.InnerException is null ? null : FromException(exception.InnerException);
        return new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace, inner);
    }

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
