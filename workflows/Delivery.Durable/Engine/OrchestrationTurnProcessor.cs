using Delivery.Durable.Backends;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Engine;

/// <summary>
/// One orchestration turn: read the record, filter the inbound messages (other execution, finished instance,
/// duplicates, stale or early completions), replay, then SEND outbound messages, COMMIT the record with its ETag,
/// and only then DELETE the inbound messages. A crash anywhere re-runs the turn from redelivered messages.
/// </summary>
internal sealed partial class OrchestrationTurnProcessor(
    ITaskHubBackend backend,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    TimeProvider time,
    DurableTaskWorkerOptions options,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Delivery.Durable.Orchestrations");

    public async Task ProcessAsync(string instanceId, IReadOnlyList<Inbound> items, IMessageSettler settler, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InstanceId"] = instanceId });
        var now = time.GetUtcNow();
        var record = await backend.Instances.GetAsync(instanceId, cancellationToken);
        var ordered = items.OrderBy(i => i.Message.Kind == TaskMessageKind.ExecutionStarted ? 0 : 1).ToList();
        var isNew = false;
        if (record is null)
        {
            var start = ordered.Find(i => i.Message.Kind == TaskMessageKind.ExecutionStarted);
            if (start is null)
            {
                LogDropped(_logger, ordered.Count, "the instance does not exist");
                await SettleAsync(settler, ordered.Select(i => i.Queued), [], cancellationToken);
                return;
            }

            record = NewRecord(start.Message, now);
            isNew = true;
        }

        var storedHistory = record.History;
        var turn = new Turn(record, storedHistory.Select(HistoryEvent.Parse).ToList(), now);
        foreach (var item in ordered)
        {
            turn.Candidates.Enqueue((item, item.Message));
        }

        while (turn.Candidates.TryDequeue(out var candidate))
        {
            Accept(turn, candidate.Source, candidate.Message);
        }

        if (turn.Changed && record.RuntimeStatus == OrchestrationRuntimeStatus.Running && turn.NeedsReplay)
        {
            Replay(turn);
        }
        else
        {
            // Suspended (or nothing to run): the events are kept in history and replayed when the instance resumes.
            turn.History.AddRange(turn.NewEvents);
            turn.NewEvents.Clear();
        }

        var retries = turn.Retries;
        var completes = ordered.Select(i => i.Queued).Where(q => !retries.ContainsKey(q)).ToList();
        if (!turn.Changed)
        {
            await SettleAsync(settler, completes, retries, cancellationToken);
            return;
        }

        // History only grows within an execution: keep the stored JSON of old events, serialize only the new ones.
        record.History = turn.HistoryReset
            ? turn.History.Select(e => e.ToJson()).ToList()
            : [.. storedHistory, .. turn.History.Skip(storedHistory.Count).Select(e => e.ToJson())];
        record.LastUpdatedAt = now;
        await Task.WhenAll(turn.Outbound.Select(m => backend.WorkQueue.EnqueueAsync(m.ToJson(), DelayOf(m, now), cancellationToken)));
        var committed = isNew
            ? await backend.Instances.TryCreateAsync(record, cancellationToken)
            : await backend.Instances.TryCommitAsync(record, cancellationToken) is not null;
        if (!committed)
        {
            // Another writer got there first: hand everything back; the next turn starts from the newer record.
            LogConflict(_logger, instanceId);
            foreach (var item in ordered)
            {
                await settler.RetryLaterAsync(item.Queued, item.Message, TimeSpan.Zero, cancellationToken);
            }

            return;
        }

        await SettleAsync(settler, completes, retries, cancellationToken);
    }

    internal TimeSpan DelayOf(TaskMessage message, DateTimeOffset now)
    {
        if (message.NotBefore is not { } notBefore || notBefore <= now)
        {
            return TimeSpan.Zero;
        }

        var delay = notBefore - now;
        var cap = backend.WorkQueue.MaxVisibilityDelay;
        return delay > cap ? cap : delay;
    }

    private static async Task SettleAsync(IMessageSettler settler, IEnumerable<QueuedMessage> completes, Dictionary<QueuedMessage, (TaskMessage Message, TimeSpan Delay)> retries, CancellationToken cancellationToken)
    {
        foreach (var queued in completes)
        {
            await settler.CompleteAsync(queued, cancellationToken);
        }

        if (retries.Count == 0)
        {
            return;
        }

        // A real-time pause, not a queue delay: these waits are for other processes' commits, so a fake clock in a
        // test must not freeze them.
        await Task.Delay(retries.Values.Max(r => r.Delay), cancellationToken);
        foreach (var (queued, retry) in retries)
        {
            await settler.RetryLaterAsync(queued, retry.Message, TimeSpan.Zero, cancellationToken);
        }
    }

    private static InstanceRecord NewRecord(TaskMessage start, DateTimeOffset now) => new()
    {
        InstanceId = start.InstanceId,
        ExecutionId = start.ExecutionId ?? Guid.NewGuid().ToString("N"),
        Name = start.Name ?? string.Empty,
        Version = start.Version,
        RuntimeStatus = OrchestrationRuntimeStatus.Pending,
        CreatedAt = now,
        LastUpdatedAt = now,
        SerializedInput = start.Input,
        ParentInstanceId = start.ParentInstanceId,
        ParentExecutionId = start.ParentExecutionId,
        ParentTaskId = start.ParentTaskId,
    };

    private sealed class Turn(InstanceRecord record, List<HistoryEvent> history, DateTimeOffset now)
    {
        public InstanceRecord Record { get; } = record;

        public List<HistoryEvent> History { get; set; } = history;

        /// <summary>Events from inbound messages, appended to history and replayed as new.</summary>
        public List<HistoryEvent> NewEvents { get; } = [];

        public Queue<(Inbound? Source, TaskMessage Message)> Candidates { get; } = new();

        public List<TaskMessage> Outbound { get; } = [];

        public Dictionary<QueuedMessage, (TaskMessage Message, TimeSpan Delay)> Retries { get; } = [];

        public DateTimeOffset Now { get; } = now;

        public bool Changed { get; set; }

        public bool NeedsReplay { get; set; }

        /// <summary>True when this turn started a new execution (history replaced rather than appended to).</summary>
        public bool HistoryReset { get; set; }

        public bool Started => History.Count > 0 || NewEvents.Exists(e => e.Type == HistoryEventType.ExecutionStarted);

        public HistoryEvent? StartEvent => History.Concat(NewEvents).FirstOrDefault(e => e.Type == HistoryEventType.ExecutionStarted);

        public IEnumerable<HistoryEvent> AllEvents => History.Concat(NewEvents);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Count} message(s): {Reason}")]
    private static partial void LogDropped(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commit of instance {InstanceId} lost an ETag race; its messages will be retried")]
    private static partial void LogConflict(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a stale {Kind} for task #{TaskId}: {Reason}")]
    private static partial void LogStale(ILogger logger, TaskMessageKind kind, int? taskId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestration {Name} finished as {Status}")]
    private static partial void LogFinished(ILogger logger, string name, OrchestrationRuntimeStatus status);
}
