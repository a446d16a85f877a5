using System.Text.Json;
using Azure;
using Delivery.Durable.Backends;
using Delivery.Durable.Engine;

namespace Delivery.Durable;

/// <summary>
/// Starts, queries and controls orchestration instances, as in Microsoft.DurableTask. Every change it asks for is a
/// message on the work queue (start, raise event, terminate, suspend, resume), applied by a worker in an
/// ETag-guarded turn; it writes an instance record itself only to create a Pending one.
/// </summary>
public partial class DurableTaskClient(ITaskHubBackend backend, DataConverter converter, TimeProvider timeProvider)
{
    private static readonly OrchestrationRuntimeStatus[] _finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    public virtual string Name => "default";

    /// <summary>How often the Wait methods read the instance.</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Starts an instance (a durable, delayed start with <see cref="StartOrchestrationOptions.StartAt"/>) and returns its id.</summary>
    /// <exception cref="InvalidOperationException">An instance with that id exists and has not finished.</exception>
    public virtual async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var executionId = Guid.NewGuid().ToString("N");
        var now = timeProvider.GetUtcNow();
        var serialized = converter.Serialize(input);
        var version = options?.Version?.Version;
        var existing = await backend.Instances.GetAsync(instanceId, cancellation);
        if (existing is not null && !InstanceStatus.IsTerminal(existing.RuntimeStatus))
        {
            throw new InvalidOperationException($"An orchestration instance with id '{instanceId}' already exists and is {existing.RuntimeStatus}.");
        }

        // The message goes first: if this process dies before the record is written, the worker creates it.
        var start = new TaskMessage
        {
            Kind = TaskMessageKind.ExecutionStarted,
            MessageId = executionId,
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = orchestratorName.Name,
            Version = version,
            Input = serialized,
            NotBefore = options?.StartAt,
            Issued = now,
        };
        var delay = options?.StartAt is { } at && at > now ? at - now : TimeSpan.Zero;
        var cap = backend.WorkQueue.MaxVisibilityDelay;
        await backend.WorkQueue.EnqueueAsync(start.ToJson(), delay > cap ? cap : delay, cancellation);

        var record = new InstanceRecord
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = orchestratorName.Name,
            Version = version,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            SerializedInput = serialized,
            ETag = existing?.ETag,
        };
        var written = existing is null
            ? await backend.Instances.TryCreateAsync(record, cancellation)
            : await backend.Instances.TryCommitAsync(record, cancellation) is not null;
        if (!written)
        {
            // Fine if a worker already started this very execution; anything else is a competing start.
            var current = await backend.Instances.GetAsync(instanceId, cancellation);
            if (current?.ExecutionId != executionId)
            {
                throw new InvalidOperationException($"An orchestration instance with id '{instanceId}' was started concurrently.");
            }
        }

        return instanceId;
    }

    /// <summary>Sends an event; it is buffered until the instance waits for it, and dropped if the instance is finished or missing.</summary>
    public virtual Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return Send(TaskMessageKind.EventRaised, instanceId, eventName, converter.Serialize(eventPayload), cancellation);
    }

    public virtual Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
        => Send(TaskMessageKind.Terminate, instanceId, null, converter.Serialize(output), cancellation);

    public virtual Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => Send(TaskMessageKind.Suspend, instanceId, null, reason, cancellation);

    public virtual Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => Send(TaskMessageKind.Resume, instanceId, null, reason, cancellation);

    public virtual async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var record = await backend.Instances.GetAsync(instanceId, cancellation);
        return record is null ? null : ToMetadata(record, getInputsAndOutputs);
    }

    /// <summary>Lists instances a page at a time (<see cref="OrchestrationQuery.PageSize"/>, continuation tokens).</summary>
    public virtual AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        return new FuncAsyncPageable<OrchestrationMetadata>(async (token, pageSize, cancellation) =>
        {
            var page = await backend.Instances.QueryAsync(ToFilter(query, token ?? query.ContinuationToken, pageSize ?? query.PageSize), cancellation);
            return Page<OrchestrationMetadata>.FromValues(page.Instances.Select(r => ToMetadata(r, query.FetchInputsAndOutputs)).ToList(), page.ContinuationToken, NoResponse.Instance);
        });
    }

    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => WaitAsync(instanceId, getInputsAndOutputs, r => r.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => WaitAsync(instanceId, getInputsAndOutputs, r => InstanceStatus.IsTerminal(r.RuntimeStatus), cancellation);

    /// <summary>Deletes a finished instance and its history; a running one is left alone (count 0).</summary>
    public virtual async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        var record = await backend.Instances.GetAsync(instanceId, cancellation);
        if (record is null || !InstanceStatus.IsTerminal(record.RuntimeStatus))
        {
            return new PurgeResult(0);
        }

        return new PurgeResult(await backend.Instances.DeleteAsync(instanceId, cancellation) ? 1 : 0);
    }

    /// <summary>Deletes the finished instances matching the filter.</summary>
    public virtual async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? _finished).Where(InstanceStatus.IsTerminal).ToList();
        var query = new InstanceFilter { CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, Statuses = statuses, PageSize = 500 };
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await backend.Instances.QueryAsync(query with { ContinuationToken = token }, cancellation);
            ids.AddRange(page.Instances.Select(r => r.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var purged = 0;
        foreach (var id in ids)
        {
            purged += (await PurgeInstanceAsync(id, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    /// <summary>The history of the instance's current execution, oldest first (empty when there is no instance).</summary>
    public virtual async Task<IList<OrchestrationHistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        var record = await backend.Instances.GetAsync(instanceId, cancellation);
        return record is null ? [] : record.History.Select(HistoryEvent.Parse).Select(ToPublic).ToList();
    }

    /// <summary>Work items that failed too often (ours): their body, dequeue count and last error.</summary>
    public virtual Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(CancellationToken cancellation = default)
        => backend.Poison.ListAsync(cancellation);

    private async Task Send(TaskMessageKind kind, string instanceId, string? name, string? input, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var message = new TaskMessage { Kind = kind, MessageId = Guid.NewGuid().ToString("N"), InstanceId = instanceId, Name = name, Input = input };
        await backend.WorkQueue.EnqueueAsync(message.ToJson(), TimeSpan.Zero, cancellation);
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<InstanceRecord, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            var record = await backend.Instances.GetAsync(instanceId, cancellation);
            if (record is not null && done(record))
            {
                return ToMetadata(record, getInputsAndOutputs);
            }

            // Real time on purpose: with a fake clock the test advances time and this loop must still poll.
            await Task.Delay(PollingInterval, cancellation);
        }
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord r, bool getInputsAndOutputs) => new(r.Name, r.InstanceId)
    {
        RuntimeStatus = r.RuntimeStatus,
        CreatedAt = r.CreatedAt,
        LastUpdatedAt = r.LastUpdatedAt,
        SerializedInput = getInputsAndOutputs ? r.SerializedInput : null,
        SerializedOutput = getInputsAndOutputs ? r.SerializedOutput : null,
        SerializedCustomStatus = getInputsAndOutputs ? r.SerializedCustomStatus : null,
        FailureDetails = r.SerializedFailureDetails is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(r.SerializedFailureDetails, EngineJson.Options),
        Version = r.Version,
        DataConverter = converter,
    };

    private InstanceFilter ToFilter(OrchestrationQuery q, string? token, int pageSize) => new()
    {
        CreatedFrom = q.CreatedFrom,
        CreatedTo = q.CreatedTo,
        Statuses = q.Statuses?.ToList(),
        InstanceIdPrefix = q.InstanceIdPrefix,
        Name = q.Name,
        CustomStatus = q.CustomStatus is null ? null : converter.Serialize(q.CustomStatus),
        PageSize = pageSize,
        ContinuationToken = token,
    };

    private static OrchestrationHistoryEvent ToPublic(HistoryEvent e) => new(e.IsCompletion ? -1 : e.EventId, e.Type.ToString(), e.Timestamp)
    {
        Name = e.Name,
        ScheduledTaskId = e.IsCompletion ? e.EventId : null,
        Input = e.Input,
        Result = e.Result,
        OrchestrationStatus = e.Status,
        FailureDetails = e.Failure,
        FireAt = e.FireAt,
        InstanceId = e.InstanceId,
    };
}
