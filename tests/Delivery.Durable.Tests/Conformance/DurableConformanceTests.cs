using Delivery.Durable.Backends;
using Delivery.Durable.Backends.InMemory;
using Delivery.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Durable.Tests.Conformance;

/// <summary>
/// The backend-agnostic conformance suite: every backend runs these same tests through a one-line subclass that
/// supplies its <see cref="Backend"/> (in-memory when null).
/// </summary>
public abstract partial class DurableConformanceTests
{
    /// <summary>The backend under test; null means in-memory.</summary>
    protected virtual Func<IServiceProvider, ITaskHubBackend>? Backend => null;

    /// <summary>
    /// Whether the backend's queue follows the injected clock. When false, "long" delays are short real ones and the
    /// clock is the system's.
    /// </summary>
    protected virtual bool UsesFakeClock => true;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    protected TimeSpan LongDelay => UsesFakeClock ? TimeSpan.FromHours(72) : TimeSpan.FromSeconds(2);

    /// <summary>A retry interval: minutes on the fake clock, a second on a real one.</summary>
    protected TimeSpan ShortDelay => UsesFakeClock ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);

    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected Task<DurableTaskTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskWorkerOptions>? worker = null,
        Func<ITaskHubBackend, ITaskHubBackend>? wrap = null)
        => DurableTaskTestHost.StartAsync(tasks, new DurableTaskTestHostOptions
        {
            TimeProvider = UsesFakeClock ? Clock : null,
            Backend = sp =>
            {
                var inner = Backend?.Invoke(sp) ?? new InMemoryBackend(sp.GetRequiredService<TimeProvider>());
                return wrap is null ? inner : wrap(inner);
            },
            ConfigureWorker = worker,
        });

    protected async Task AdvanceAsync(TimeSpan by)
    {
        if (UsesFakeClock)
        {
            Clock.Advance(by);
        }
        else
        {
            await Task.Delay(by);
        }
    }

    protected static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, TaskName name, object? input = null, StartOrchestrationOptions? options = null)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(name, input, options);
        return await CompletionAsync(host, id);
    }

    /// <summary>
    /// How long a wait may take before it counts as a hang. Generous: on a loaded CI machine the Cosmos backend's
    /// 1,000-generation test alone needs over a minute of real request round trips.
    /// </summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(5);

    protected static async Task<OrchestrationMetadata> CompletionAsync(DurableTaskTestHost host, string instanceId)
    {
        using var guard = new CancellationTokenSource(HangLimit);
        return await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
    }

    /// <summary>Polls until the condition holds; the time limit only turns a hang into a failure.</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var guard = new CancellationTokenSource(HangLimit);
        while (!await condition())
        {
            try
            {
                await Task.Delay(10, guard.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }

    protected static Task WaitForHistoryAsync(DurableTaskTestHost host, string instanceId, string eventType, int count = 1)
        => WaitUntilAsync(
            async () => (await host.Client.GetOrchestrationHistoryAsync(instanceId)).Count(e => e.EventType == eventType) >= count,
            $"{instanceId} has {count} {eventType} event(s)");

    protected static async Task<int> CountHistoryAsync(DurableTaskTestHost host, string instanceId, string eventType)
        => (await host.Client.GetOrchestrationHistoryAsync(instanceId)).Count(e => e.EventType == eventType);

    protected static ITaskHubBackend BackendOf(DurableTaskTestHost host) => host.Services.GetRequiredService<ITaskHubBackend>();
}

/// <summary>The conformance suite on the in-memory backend.</summary>
public sealed class InMemoryConformanceTests : DurableConformanceTests;
