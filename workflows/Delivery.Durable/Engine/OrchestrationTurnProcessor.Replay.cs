using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Delivery.Durable.Engine;

/// <summary>Replaying the orchestrator and applying what it did: completion, failure, ContinueAsNew, parent notification.</summary>
internal sealed partial class OrchestrationTurnProcessor
{
    private void Replay(Turn turn)
    {
        var record = turn.Record;
        var start = turn.StartEvent!;
        var parent = start.ParentInstanceId is null ? null : new ParentOrchestrationInstance(start.ParentName ?? string.Empty, start.ParentInstanceId);
        var info = new ExecutionInfo(record.InstanceId, record.ExecutionId, record.Name, record.Version, start.Input, parent, start.Timestamp);
        using var scope = services.CreateScope();
        var orchestrator = registry.CreateOrchestrator(scope.ServiceProvider, record.Name, record.Version);
        var context = new ReplayContext(info, converter, loggerFactory, Guid.NewGuid().ToString("N"));
        var news = new List<HistoryEvent> { new() { Type = HistoryEventType.OrchestratorStarted, Timestamp = turn.Now } };
        news.AddRange(turn.NewEvents);
        var result = context.Execute(orchestrator, turn.History, news);

        turn.History.AddRange(news);
        turn.NewEvents.Clear();
        turn.History.AddRange(result.NewEvents);
        turn.Outbound.AddRange(result.Outbound);
        if (result.CustomStatusSet)
        {
            record.SerializedCustomStatus = result.CustomStatus;
        }

        switch (result.Outcome)
        {
            case ReplayOutcome.Completed:
                record.RuntimeStatus = OrchestrationRuntimeStatus.Completed;
                record.SerializedOutput = result.Output;
                turn.History.Add(new HistoryEvent { Type = HistoryEventType.ExecutionCompleted, Timestamp = turn.Now, Status = OrchestrationRuntimeStatus.Completed, Result = result.Output });
                NotifyParent(turn, OrchestrationRuntimeStatus.Completed, result.Output, null);
                LogFinished(_logger, record.Name, record.RuntimeStatus);
                break;
            case ReplayOutcome.Failed:
                record.RuntimeStatus = OrchestrationRuntimeStatus.Failed;
                record.SerializedFailureDetails = JsonSerializer.Serialize(result.Failure, EngineJson.Options);
                turn.History.Add(new HistoryEvent { Type = HistoryEventType.ExecutionCompleted, Timestamp = turn.Now, Status = OrchestrationRuntimeStatus.Failed, Failure = result.Failure });
                NotifyParent(turn, OrchestrationRuntimeStatus.Failed, null, result.Failure);
                LogFinished(_logger, record.Name, record.RuntimeStatus);
                break;
            case ReplayOutcome.ContinuedAsNew:
                ContinueAsNew(turn, start, result);
                break;
            default:
                break;
        }
    }

    private static void ContinueAsNew(Turn turn, HistoryEvent start, ReplayResult result)
    {
        var record = turn.Record;
        var options = result.ContinueAsNew!;
        record.ExecutionId = Guid.NewGuid().ToString("N");
        record.Version = options.NewVersion ?? record.Version;
        record.SerializedInput = result.NewInput;
        record.SerializedOutput = null;
        record.PendingEvents.Clear();
        if (options.PreserveUnprocessedEvents)
        {
            foreach (var e in result.UnconsumedEvents)
            {
                var carried = new TaskMessage { Kind = TaskMessageKind.EventRaised, MessageId = e.MessageId ?? Guid.NewGuid().ToString("N"), InstanceId = record.InstanceId, Name = e.Name, Input = e.Input };
                record.PendingEvents.Add(carried.ToJson());
            }
        }

        // Events this execution consumed stay duplicates for the next one (a redelivered copy must not reach it).
        var carriedIds = result.UnconsumedEvents.Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal);
        var consumedIds = turn.History
            .Where(e => e.Type == HistoryEventType.EventRaised && e.MessageId is not null && !carriedIds.Contains(e.MessageId))
            .Select(e => e.MessageId!)
            .ToList();

        // History starts afresh: an eternal orchestration's record stays the size of one generation.
        turn.History = [];
        turn.HistoryReset = true;
        turn.Outbound.Add(new TaskMessage
        {
            Kind = TaskMessageKind.ExecutionStarted,
            MessageId = record.ExecutionId,
            InstanceId = record.InstanceId,
            ExecutionId = record.ExecutionId,
            Name = record.Name,
            Version = record.Version,
            Input = result.NewInput,
            ParentName = start.ParentName,
            ParentInstanceId = start.ParentInstanceId,
            ParentExecutionId = start.ParentExecutionId,
            ParentTaskId = start.ParentTaskId,
            ParentTurnId = start.ParentTurnId,
            PreviousEventIds = consumedIds.Count == 0 ? null : consumedIds,
        });
    }

    private static void NotifyParent(Turn turn, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure)
    {
        var record = turn.Record;
        if (record.ParentInstanceId is null || record.ParentTaskId is null)
        {
            return;
        }

        turn.Outbound.Add(new TaskMessage
        {
            Kind = status == OrchestrationRuntimeStatus.Completed ? TaskMessageKind.SubOrchestrationCompleted : TaskMessageKind.SubOrchestrationFailed,
            MessageId = Guid.NewGuid().ToString("N"),
            InstanceId = record.ParentInstanceId,
            ExecutionId = record.ParentExecutionId,
            TaskId = record.ParentTaskId,
            TurnId = turn.StartEvent?.ParentTurnId,
            Name = record.Name,
            SourceInstanceId = record.InstanceId,
            Result = output,
            Failure = failure,
        });
    }
}
