namespace Delivery.Durable.Engine;

/// <summary>The replay loop: applies history then new events, pumping the orchestrator's continuations after each.</summary>
internal sealed partial class ReplayContext
{
    private readonly ReplaySynchronizationContext _sync = new();
    private Task<object?>? _run;
    private ITaskOrchestrator? _orchestrator;
    private Exception? _fatal;

    /// <summary>Replays <paramref name="past"/> (IsReplaying) then <paramref name="news"/>, and says what the turn produced.</summary>
    public ReplayResult Execute(ITaskOrchestrator? orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> news)
    {
        _orchestrator = orchestrator;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_sync);
        try
        {
            _replaying = true;
            foreach (var e in past)
            {
                Apply(e);
            }

            _replaying = false;
            foreach (var e in news)
            {
                Apply(e);
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            _fatal = ex;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return BuildResult();
    }

    private void Apply(HistoryEvent e)
    {
        switch (e.Type)
        {
            case HistoryEventType.OrchestratorStarted:
                _now = e.Timestamp;
                break;
            case HistoryEventType.ExecutionStarted:
                Start();
                break;
            case HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated
                or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent:
                Confirm(e);
                break;
            case HistoryEventType.TaskCompleted or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.TimerFired:
                _openTimers.Remove(e.EventId);
                if (_open.Remove(e.EventId, out var done))
                {
                    done.Completion.TrySetResult(e.Result);
                }

                break;
            case HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed:
                if (_open.Remove(e.EventId, out var failed))
                {
                    var details = e.Failure ?? new TaskFailureDetails("Unknown", "The task failed.", null, null);
                    failed.Completion.TrySetException(new TaskFailedException(failed.Name, e.EventId, details));
                }

                break;
            case HistoryEventType.EventRaised:
                Deliver(e);
                break;
            default:
                break;
        }

        _sync.RunPending();
    }

    private void Start()
    {
        if (_orchestrator is null)
        {
            var version = string.IsNullOrEmpty(_info.Version) ? string.Empty : $" version '{_info.Version}'";
            _fatal = new InvalidOperationException($"No orchestrator named '{_info.Name}'{version} is registered with this worker.");
            return;
        }

        try
        {
            var input = _converter.Deserialize(_info.Input, _orchestrator.InputType);
            _run = _orchestrator.RunAsync(this, input);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _run = Task.FromException<object?>(ex);
        }
    }

    private void Confirm(HistoryEvent e)
    {
        if (!_actions.Remove(e.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{_info.Name}' (instance '{_info.InstanceId}'): at step #{e.EventId} the history has " +
                $"{Describe(e)} but the orchestrator code scheduled nothing at that step. Did the code change while the instance was running?");
        }

        var sameName = e.Type == HistoryEventType.TimerCreated || string.Equals(e.Name, action.Event.Name, StringComparison.OrdinalIgnoreCase);
        if (action.Event.Type != e.Type || !sameName)
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{_info.Name}' (instance '{_info.InstanceId}'): at step #{e.EventId} the history has " +
                $"{Describe(e)} but the orchestrator code now scheduled {Describe(action.Event)}. Did the code change while the instance was running?");
        }
    }

    private static string Describe(HistoryEvent e) => e.Type == HistoryEventType.TimerCreated ? "TimerCreated" : $"{e.Type} '{e.Name}'";

    private void Deliver(HistoryEvent e)
    {
        if (e.Name is not null && _waiters.TryGetValue(e.Name, out var queue) && queue.First is { } first)
        {
            queue.RemoveFirst();
            first.Value.TrySetResult(e.Input);
            return;
        }

        _buffered.Add(e);
    }

    private ReplayResult BuildResult()
    {
        var result = new ReplayResult { CustomStatus = _customStatus, CustomStatusSet = _customStatusSet };
        if (_fatal is not null)
        {
            result.Outcome = ReplayOutcome.Failed;
            result.Failure = TaskFailureDetails.FromException(_fatal);
            return result;
        }

        foreach (var action in _actions.Values)
        {
            result.NewEvents.Add(action.Event);
            result.Outbound.Add(action.Message);
        }

        if (_run is null || !_run.IsCompleted)
        {
            return result;
        }

        if (_run.IsFaulted || _run.IsCanceled)
        {
            var error = _run.IsFaulted ? _run.Exception!.InnerException ?? _run.Exception : new TaskCanceledException(_run);
            result.Outcome = ReplayOutcome.Failed;
            result.Failure = TaskFailureDetails.FromException(error);
        }
        else if (_continueAsNew is not null)
        {
            result.Outcome = ReplayOutcome.ContinuedAsNew;
            result.ContinueAsNew = _continueAsNew;
            result.NewInput = _converter.Serialize(_continueAsNew.NewInput);
            result.UnconsumedEvents.AddRange(_buffered);
        }
        else if (_openTimers.Count == 0)
        {
            // A timer that was neither fired nor cancelled keeps the instance running, as in Durable Functions.
            result.Outcome = ReplayOutcome.Completed;
            result.Output = _converter.Serialize(_run.Result);
        }

        return result;
    }
}

/// <summary>How a turn left the orchestration.</summary>
internal enum ReplayOutcome
{
    Running,
    Completed,
    Failed,
    ContinuedAsNew,
}

/// <summary>What one turn of an orchestration produced.</summary>
internal sealed class ReplayResult
{
    public ReplayOutcome Outcome { get; set; }

    public List<HistoryEvent> NewEvents { get; } = [];

    public List<TaskMessage> Outbound { get; } = [];

    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public ContinueAsNewRequest? ContinueAsNew { get; set; }

    public string? NewInput { get; set; }

    public List<HistoryEvent> UnconsumedEvents { get; } = [];

    public string? CustomStatus { get; set; }

    public bool CustomStatusSet { get; set; }
}
