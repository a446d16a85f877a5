using System.Collections.Concurrent;
using Delivery.Durable.Backends;
using Delivery.Durable.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delivery.Durable;

/// <summary>
/// Runs orchestrations and activities from the task hub's work queue: a polling loop for standalone processes and
/// <see cref="ProcessMessageAsync"/> for hosts that own the queue (the Functions queue trigger).
/// </summary>
/// <remarks>
/// Guarantees (proven by the conformance suite): an instance's state changes exactly once per turn (ETag-guarded
/// commit; a stale writer's commit fails and no status ever regresses); activities run at least once and duplicate
/// or stale completions are dropped; nothing is lost when a process dies (outbound messages are sent before the
/// commit and inbound ones deleted after it); a work item that fails <see cref="DurableTaskWorkerOptions.MaxDequeueCount"/>
/// times goes to the poison store and blocks nothing else; replay that diverges from history fails the instance with
/// a <see cref="NonDeterministicOrchestrationException"/> naming the step.
/// </remarks>
public sealed partial class DurableTaskWorker : BackgroundService
{
    private readonly ITaskHubBackend _backend;
    private readonly DurableTaskWorkerOptions _options;
    private readonly WorkItemDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly SemaphoreSlim _workDone = new(0);

    public DurableTaskWorker(
        ITaskHubBackend backend,
        IOptions<DurableTaskRegistry> registry,
        IOptions<DurableTaskWorkerOptions> options,
        DataConverter converter,
        TimeProvider timeProvider,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        var turns = new OrchestrationTurnProcessor(backend, registry.Value, services, converter, timeProvider, _options, loggerFactory);
        var activities = new ActivityRunner(backend, registry.Value, services, converter, loggerFactory);
        _dispatcher = new WorkItemDispatcher(backend, turns, activities, timeProvider, _options, loggerFactory);
    }

    /// <summary>
    /// Handles one message delivered by a host that owns the queue (a Functions queue trigger on <c>durable-work</c>).
    /// </summary>
    /// <remarks>
    /// The caller deletes the message when this returns and lets it be retried when this throws; this method never
    /// deletes or abandons it. Work that must wait (an early timer, a completion whose scheduling turn has not
    /// committed yet) is re-enqueued as a delayed copy, and a message that failed
    /// <see cref="DurableTaskWorkerOptions.MaxDequeueCount"/> times is moved to the poison store and returns normally.
    /// </remarks>
    public async Task ProcessMessageAsync(QueuedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settler = new HostSettler(_backend.WorkQueue);
        foreach (var unit in _dispatcher.Plan([message], settler))
        {
            await unit(cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public override void Dispose()
    {
        _workDone.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnablePolling)
        {
            return;
        }

        await _backend.EnsureCreatedAsync(stoppingToken);
        var settler = new QueueSettler(_backend.WorkQueue);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = _options.MaxConcurrentWorkItems - _inFlight.Count;
                if (free <= 0)
                {
                    await _workDone.WaitAsync(_options.PollingInterval, stoppingToken);
                    continue;
                }

                var batch = await _backend.WorkQueue.DequeueAsync(Math.Min(free, _options.MaxBatchSize), _options.LeaseDuration, stoppingToken);
                if (batch.Count == 0)
                {
                    // Idle: wake at the next poll, or as soon as a running unit finishes (it likely enqueued work).
                    await _workDone.WaitAsync(_options.PollingInterval, stoppingToken);
                    continue;
                }

                foreach (var unit in _dispatcher.Plan(batch, settler))
                {
                    Start(unit, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(_logger, ex);
                await Task.Delay(_options.ErrorRetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Start(Func<CancellationToken, Task> unit, CancellationToken stoppingToken)
    {
        var task = Task.Run(() => unit(stoppingToken), CancellationToken.None);
        _inFlight[task] = true;
        task.ContinueWith(
            t =>
            {
                _inFlight.TryRemove(t, out _);
                if (t.IsFaulted)
                {
                    LogPollFailed(_logger, t.Exception);
                }

                _workDone.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The durable task worker's loop failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
