namespace Delivery.Durable;

/// <summary>
/// Thrown into an orchestration when an activity or sub-orchestration it awaited failed, as in Microsoft.DurableTask;
/// <see cref="FailureDetails"/> holds the original error's type, message, stack trace and inner failures.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException()
        : this(string.Empty, -1, new TaskFailureDetails(string.Empty, string.Empty, null, null))
    {
    }

    public TaskFailedException(string message)
        : base(message)
    {
        TaskName = string.Empty;
        TaskId = -1;
        FailureDetails = new TaskFailureDetails(string.Empty, message, null, null);
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = string.Empty;
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public TaskFailedException(string taskName, int taskId, Exception innerException)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}
