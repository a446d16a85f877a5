using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Engine;

/// <summary>
/// The <see cref="TaskOrchestrationContext"/> the engine gives an orchestrator for one turn. Every scheduling call
/// allocates the next task id and becomes a pending action; history confirms it (replay) or the turn emits it (new).
/// </summary>
internal sealed partial class ReplayContext : TaskOrchestrationContext
{
    private readonly ExecutionInfo _info;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly string _turnId;
    private readonly SortedDictionary<int, PendingAction> _actions = [];
    private readonly Dictionary<int, OpenTask> _open = [];
    private readonly HashSet<int> _openTimers = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _buffered = [];
    private int _nextId;
    private int _guidCounter;
    private DateTimeOffset _now;
    private bool _replaying;
    private ContinueAsNewRequest? _continueAsNew;
    private string? _customStatus;
    private bool _customStatusSet;

    public ReplayContext(ExecutionInfo info, DataConverter converter, ILoggerFactory loggerFactory, string turnId)
    {
        _info = info;
        _converter = converter;
        _loggerFactory = loggerFactory;
        _turnId = turnId;
        _now = info.StartedAt;
    }

    public override TaskName Name => _info.Name;

    public override string InstanceId => _info.InstanceId;

    public override ParentOrchestrationInstance? Parent => _info.Parent;

    public override DateTime CurrentUtcDateTime => _now.UtcDateTime;

    public override bool IsReplaying => _replaying;

    public override string Version => _info.Version ?? string.Empty;

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(_info.Input);

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var serialized = _converter.Serialize(input);
        var raw = await WithRetriesAsync(options?.Retry?.Policy, () => ScheduleActivity(name.Name, serialized));
        return _converter.Deserialize<TResult>(raw)!;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var serialized = _converter.Serialize(input);
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        var raw = await WithRetriesAsync(options?.Retry?.Policy, () => ScheduleSubOrchestration(orchestratorName.Name, serialized, instanceId));
        return _converter.Deserialize<TResult>(raw)!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _nextId++;
        var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt, fireAt.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime();
        var scheduled = new HistoryEvent { Type = HistoryEventType.TimerCreated, EventId = id, Timestamp = _now, FireAt = due, TurnId = _turnId };
        var message = NewMessage(TaskMessageKind.TimerFired, _info.InstanceId) with { TaskId = id, TurnId = _turnId, NotBefore = due };
        var tcs = Track(id, "timer", scheduled, message);
        _openTimers.Add(id);
        if (cancellationToken.CanBeCanceled)
        {
            // Runs synchronously on the orchestrator's own thread when its code cancels: deterministic.
            cancellationToken.Register(() =>
            {
                _openTimers.Remove(id);
                tcs.TrySetCanceled(cancellationToken);
            });
        }

        return tcs.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _buffered[index];
            _buffered.RemoveAt(index);
            return ConvertAsync<T>(Task.FromResult(buffered.Input));
        }

        var tcs = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var queue))
        {
            queue = new LinkedList<TaskCompletionSource<string?>>();
            _waiters[eventName] = queue;
        }

        var node = queue.AddLast(tcs);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    queue.Remove(node);
                }

                tcs.TrySetCanceled(cancellationToken);
            });
        }

        return ConvertAsync<T>(tcs.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var id = _nextId++;
        var input = _converter.Serialize(payload);
        var sent = new HistoryEvent { Type = HistoryEventType.EventSent, EventId = id, Timestamp = _now, Name = eventName, InstanceId = instanceId, Input = input };

        // A deterministic message id: if this turn is re-run after a crash, the target drops the second copy.
        var message = new TaskMessage
        {
            Kind = TaskMessageKind.EventRaised,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{_info.InstanceId}:{_info.ExecutionId}:{id}"),
            InstanceId = instanceId,
            Name = eventName,
            Input = input,
        };
        _actions[id] = new PendingAction(id, sent, message);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        _customStatus = _converter.Serialize(customStatus);
        _customStatusSet = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
        => _continueAsNew = new ContinueAsNewRequest(newInput, preserveUnprocessedEvents, null);

    public override void ContinueAsNew(ContinueAsNewOptions options, object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        _continueAsNew = new ContinueAsNewRequest(newInput, preserveUnprocessedEvents, options.NewVersion);
    }

    public override Guid NewGuid()
        => DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{_info.InstanceId}|{_info.ExecutionId}|{_now:O}|{_guidCounter++}"));

    private Task<string?> ScheduleActivity(string name, string? input)
    {
        var id = _nextId++;
        var scheduled = new HistoryEvent { Type = HistoryEventType.TaskScheduled, EventId = id, Timestamp = _now, Name = name, Input = input, TurnId = _turnId };
        var message = NewMessage(TaskMessageKind.TaskScheduled, _info.InstanceId) with { TaskId = id, TurnId = _turnId, Name = name, Input = input };
        return Track(id, name, scheduled, message).Task;
    }

    private Task<string?> ScheduleSubOrchestration(string name, string? input, string? instanceId)
    {
        var id = _nextId++;
        var childId = instanceId ?? string.Create(CultureInfo.InvariantCulture, $"{_info.InstanceId}:{id:D4}");
        var childExecution = DeterministicGuid.Create($"{_info.InstanceId}|{_info.ExecutionId}|{id}").ToString("N");
        var scheduled = new HistoryEvent
        {
            Type = HistoryEventType.SubOrchestrationInstanceCreated, EventId = id, Timestamp = _now, Name = name, Input = input, InstanceId = childId, TurnId = _turnId,
        };
        var message = new TaskMessage
        {
            Kind = TaskMessageKind.ExecutionStarted,
            MessageId = childExecution,
            InstanceId = childId,
            ExecutionId = childExecution,
            Name = name,
            Input = input,
            ParentName = _info.Name,
            ParentInstanceId = _info.InstanceId,
            ParentExecutionId = _info.ExecutionId,
            ParentTaskId = id,
            ParentTurnId = _turnId,
            Issued = _now,
        };
        return Track(id, name, scheduled, message).Task;
    }

    private async Task<string?> WithRetriesAsync(RetryPolicy? policy, Func<Task<string?>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = _now;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex) when (number < policy.MaxNumberOfAttempts && policy.Handle(ex))
            {
                var delay = policy.DelayBefore(number + 1);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && _now + delay > firstAttemptAt + policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(delay, CancellationToken.None);
            }
        }
    }

    private async Task<T> ConvertAsync<T>(Task<string?> raw) => _converter.Deserialize<T>(await raw)!;

    private TaskCompletionSource<string?> Track(int id, string name, HistoryEvent scheduled, TaskMessage message)
    {
        var tcs = new TaskCompletionSource<string?>();
        _open[id] = new OpenTask(name, tcs);
        _actions[id] = new PendingAction(id, scheduled, message);
        return tcs;
    }

    private TaskMessage NewMessage(TaskMessageKind kind, string instanceId) => new()
    {
        Kind = kind,
        MessageId = Guid.NewGuid().ToString("N"),
        InstanceId = instanceId,
        ExecutionId = _info.ExecutionId,
    };

    private sealed record OpenTask(string Name, TaskCompletionSource<string?> Completion);

    private sealed record PendingAction(int Id, HistoryEvent Event, TaskMessage Message);
}

/// <summary>What the orchestrator asked for when it called ContinueAsNew.</summary>
internal sealed record ContinueAsNewRequest(object? NewInput, bool PreserveUnprocessedEvents, string? NewVersion);

/// <summary>What the engine knows about the execution being replayed.</summary>
internal sealed record ExecutionInfo(
    string InstanceId,
    string ExecutionId,
    string Name,
    string? Version,
    string? Input,
    ParentOrchestrationInstance? Parent,
    DateTimeOffset StartedAt);
