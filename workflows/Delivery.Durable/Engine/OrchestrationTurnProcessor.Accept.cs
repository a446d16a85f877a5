namespace Delivery.Durable.Engine;

/// <summary>Deciding what each inbound message does to the instance.</summary>
internal sealed partial class OrchestrationTurnProcessor
{
    private void Accept(Turn turn, Inbound? source, TaskMessage m)
    {
        var record = turn.Record;
        if (m.Kind == TaskMessageKind.Terminate)
        {
            if (!InstanceStatus.IsTerminal(record.RuntimeStatus))
            {
                Terminate(turn, m);
            }

            return;
        }

        if (m.Kind == TaskMessageKind.ExecutionStarted)
        {
            Start(turn, source, m);
            return;
        }

        if (InstanceStatus.IsTerminal(record.RuntimeStatus) || (m.ExecutionId is not null && m.ExecutionId != record.ExecutionId))
        {
            return;
        }

        if (m.Kind is TaskMessageKind.Suspend or TaskMessageKind.Resume
            && turn.AllEvents.Any(e => e.MessageId == m.MessageId && e.Type is HistoryEventType.ExecutionSuspended or HistoryEventType.ExecutionResumed))
        {
            return;
        }

        if (m.Kind == TaskMessageKind.Suspend && record.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
        {
            return;
        }

        if (!turn.Started || (record.RuntimeStatus == OrchestrationRuntimeStatus.Suspended && m.Kind != TaskMessageKind.Resume))
        {
            // Not started yet, or suspended: keep the message with the instance until it can be handled.
            record.PendingEvents.Add(m.ToJson());
            turn.Changed = true;
            return;
        }

        switch (m.Kind)
        {
            case TaskMessageKind.Suspend:
                record.RuntimeStatus = OrchestrationRuntimeStatus.Suspended;
                turn.NewEvents.Add(new HistoryEvent { Type = HistoryEventType.ExecutionSuspended, Timestamp = turn.Now, Input = m.Input, MessageId = m.MessageId });
                turn.Changed = true;
                return;
            case TaskMessageKind.Resume:
                if (record.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
                {
                    record.RuntimeStatus = OrchestrationRuntimeStatus.Running;
                    turn.NewEvents.Add(new HistoryEvent { Type = HistoryEventType.ExecutionResumed, Timestamp = turn.Now, Input = m.Input, MessageId = m.MessageId });
                    turn.Changed = true;
                    turn.NeedsReplay = true;
                    DrainPending(turn);
                }

                return;
            case TaskMessageKind.EventRaised:
                if (!turn.AllEvents.Any(e => e.Type == HistoryEventType.EventRaised && e.MessageId == m.MessageId)
                    && turn.StartEvent?.PreviousEventIds?.Contains(m.MessageId) != true)
                {
                    turn.NewEvents.Add(new HistoryEvent { Type = HistoryEventType.EventRaised, Timestamp = turn.Now, Name = m.Name, Input = m.Input, MessageId = m.MessageId });
                    turn.Changed = true;
                    turn.NeedsReplay = true;
                }

                return;
            default:
                AcceptCompletion(turn, source, m);
                return;
        }
    }

    private void AcceptCompletion(Turn turn, Inbound? source, TaskMessage m)
    {
        if (m.TaskId is not { } taskId || turn.AllEvents.Any(e => e.IsCompletion && e.EventId == taskId))
        {
            return;
        }

        var scheduled = turn.History.Find(e => e.IsScheduling && e.EventId == taskId);
        if (scheduled is null)
        {
            // The turn that scheduled this task may not have committed yet: try again shortly, but not for ever.
            var tries = (source?.Queued.DequeueCount ?? 0) + m.Attempts;
            if (source is not null && tries < options.UnmatchedCompletionRetries)
            {
                turn.Retries[source.Queued] = (m, options.UnmatchedCompletionRetryDelay);
            }
            else
            {
                LogStale(_logger, m.Kind, taskId, "no task with that id was ever scheduled");
            }

            return;
        }

        var (expected, type) = m.Kind switch
        {
            TaskMessageKind.TaskCompleted => (HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted),
            TaskMessageKind.TaskFailed => (HistoryEventType.TaskScheduled, HistoryEventType.TaskFailed),
            TaskMessageKind.TimerFired => (HistoryEventType.TimerCreated, HistoryEventType.TimerFired),
            TaskMessageKind.SubOrchestrationCompleted => (HistoryEventType.SubOrchestrationInstanceCreated, HistoryEventType.SubOrchestrationInstanceCompleted),
            _ => (HistoryEventType.SubOrchestrationInstanceCreated, HistoryEventType.SubOrchestrationInstanceFailed),
        };

        // Sub-orchestrations are matched by child instance id, not turn id: a re-run parent turn restarts the same
        // child (deterministic instance and execution ids), whose completion echoes the first turn's id.
        var matches = scheduled.Type == expected && (expected == HistoryEventType.SubOrchestrationInstanceCreated
            ? string.Equals(scheduled.InstanceId, m.SourceInstanceId, StringComparison.Ordinal)
            : string.Equals(scheduled.TurnId, m.TurnId, StringComparison.Ordinal)
                && (m.Name is null || string.Equals(scheduled.Name, m.Name, StringComparison.OrdinalIgnoreCase)));
        if (!matches)
        {
            LogStale(_logger, m.Kind, taskId, "it answers a scheduling turn that lost its commit");
            return;
        }

        turn.NewEvents.Add(new HistoryEvent { Type = type, EventId = taskId, Timestamp = turn.Now, Result = m.Result, Failure = m.Failure });
        turn.Changed = true;
        turn.NeedsReplay = true;
    }

    private void Start(Turn turn, Inbound? source, TaskMessage m)
    {
        var record = turn.Record;
        var newer = m.Issued is { } issued && issued >= record.LastUpdatedAt;
        if (m.ExecutionId != record.ExecutionId && newer && !InstanceStatus.IsTerminal(record.RuntimeStatus) && source is not null)
        {
            // A restart (e.g. a retried sub-orchestration) that overtook the commit of the execution it replaces.
            if (source.Queued.DequeueCount + m.Attempts < options.UnmatchedCompletionRetries)
            {
                turn.Retries[source.Queued] = (m, options.UnmatchedCompletionRetryDelay);
            }

            return;
        }

        if (InstanceStatus.IsTerminal(record.RuntimeStatus) && m.ExecutionId != record.ExecutionId && newer)
        {
            // A new execution of a finished instance id (client reuse, or a retried sub-orchestration).
            record.ExecutionId = m.ExecutionId ?? Guid.NewGuid().ToString("N");
            record.RuntimeStatus = OrchestrationRuntimeStatus.Pending;
            record.CreatedAt = turn.Now;
            record.SerializedOutput = null;
            record.SerializedCustomStatus = null;
            record.SerializedFailureDetails = null;
            record.PendingEvents.Clear();
            record.ParentInstanceId = m.ParentInstanceId;
            record.ParentExecutionId = m.ParentExecutionId;
            record.ParentTaskId = m.ParentTaskId;
            turn.History = [];
            turn.HistoryReset = true;
            turn.NewEvents.Clear();
        }

        if (m.ExecutionId != record.ExecutionId || turn.Started || InstanceStatus.IsTerminal(record.RuntimeStatus))
        {
            return;
        }

        record.Name = m.Name ?? record.Name;
        record.Version = m.Version ?? record.Version ?? registry.DefaultVersion(record.Name);
        record.SerializedInput = m.Input;
        if (record.RuntimeStatus != OrchestrationRuntimeStatus.Suspended)
        {
            record.RuntimeStatus = OrchestrationRuntimeStatus.Running;
        }

        turn.NewEvents.Add(new HistoryEvent
        {
            Type = HistoryEventType.ExecutionStarted,
            Timestamp = turn.Now,
            Name = record.Name,
            Version = record.Version,
            Input = m.Input,
            ParentName = m.ParentName,
            ParentInstanceId = m.ParentInstanceId,
            ParentExecutionId = m.ParentExecutionId,
            ParentTaskId = m.ParentTaskId,
            ParentTurnId = m.ParentTurnId,
            PreviousEventIds = m.PreviousEventIds,
        });
        turn.Changed = true;
        turn.NeedsReplay = true;
        DrainPending(turn);
    }

    private static void DrainPending(Turn turn)
    {
        foreach (var json in turn.Record.PendingEvents)
        {
            turn.Candidates.Enqueue((null, TaskMessage.Parse(json)));
        }

        turn.Record.PendingEvents.Clear();
    }

    private void Terminate(Turn turn, TaskMessage m)
    {
        var record = turn.Record;
        record.RuntimeStatus = OrchestrationRuntimeStatus.Terminated;
        record.SerializedOutput = m.Input;
        record.PendingEvents.Clear();
        turn.NewEvents.Add(new HistoryEvent { Type = HistoryEventType.ExecutionTerminated, Timestamp = turn.Now, Input = m.Input });
        turn.Changed = true;
        var failure = new TaskFailureDetails("Terminated", $"The orchestration '{record.Name}' was terminated.", null, null);
        NotifyParent(turn, OrchestrationRuntimeStatus.Failed, null, failure);
        LogFinished(_logger, record.Name, record.RuntimeStatus);
    }
}
