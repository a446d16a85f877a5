using Delivery.Durable.Backends;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Engine;

/// <summary>
/// Runs an activity work item and enqueues its TaskCompleted/TaskFailed for the orchestration (echoing the task id
/// and turn id), then lets the work item go. A crash before that runs the activity again: at least once.
/// </summary>
internal sealed partial class ActivityRunner(
    ITaskHubBackend backend,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Delivery.Durable.Activities");

    public async Task RunAsync(Inbound item, IMessageSettler settler, CancellationToken cancellationToken)
    {
        var m = item.Message;
        using var logScope = _logger.BeginScope(new Dictionary<string, object> { ["InstanceId"] = m.InstanceId });
        var name = m.Name ?? string.Empty;
        TaskMessage reply;
        await using (var scope = services.CreateAsyncScope())
        {
            var activity = registry.CreateActivity(scope.ServiceProvider, name);
            if (activity is null)
            {
                reply = Reply(m, TaskMessageKind.TaskFailed) with
                {
                    Failure = new TaskFailureDetails("ActivityTaskNotFound", $"No activity named '{name}' is registered with this worker.", null, null),
                };
            }
            else
            {
                try
                {
                    var input = converter.Deserialize(m.Input, activity.InputType);
                    var output = await activity.RunAsync(new ActivityContext(name, m.InstanceId), input);
                    reply = Reply(m, TaskMessageKind.TaskCompleted) with { Result = converter.Serialize(output) };
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogActivityFailed(_logger, ex, name);
                    reply = Reply(m, TaskMessageKind.TaskFailed) with { Failure = TaskFailureDetails.FromException(ex) };
                }
            }
        }

        await backend.WorkQueue.EnqueueAsync(reply.ToJson(), TimeSpan.Zero, cancellationToken);
        await settler.CompleteAsync(item.Queued, cancellationToken);
    }

    private static TaskMessage Reply(TaskMessage m, TaskMessageKind kind) => new()
    {
        Kind = kind,
        MessageId = Guid.NewGuid().ToString("N"),
        InstanceId = m.InstanceId,
        ExecutionId = m.ExecutionId,
        TaskId = m.TaskId,
        TurnId = m.TurnId,
        Name = m.Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Name} failed")]
    private static partial void LogActivityFailed(ILogger logger, Exception exception, string name);

    private sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;
    }
}
